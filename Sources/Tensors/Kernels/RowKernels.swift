/// Vectorised reductions over one contiguous row, the building blocks of the softmax and
/// cross-entropy kernels. Scalar loops here would be one long dependency chain (a float sum
/// cannot be reordered by the compiler), ~4× slower on 32-element rows.
enum RowKernels {
    typealias V = SIMD16<Float>

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> V { UnsafeRawPointer(p).loadUnaligned(as: V.self) }

    @inline(__always)
    static func store(_ v: V, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
    }

    /// max of x[0..<n] (−inf for an empty row).
    @inline(__always)
    static func maximum(_ x: UnsafePointer<Float>, _ n: Int) -> Float {
        if n < 16 {
            var m = -Float.infinity
            for j in 0..<n where x[j] > m || x[j].isNaN { m = x[j] }
            return m
        }
        var acc = load(x)
        var i = 16
        while i &+ 16 <= n {
            acc = larger(acc, load(x + i))
            i &+= 16
        }
        if i < n { acc = larger(acc, load(x + (n &- 16))) }  // overlap is harmless for max
        var half = acc.lowHalf
        half.replace(with: acc.highHalf, where: acc.highHalf .> half)
        var m = half[0]
        for j in 1..<8 where half[j] > m { m = half[j] }
        return m
    }

    /// Lane-wise max by compare-and-select (`pointwiseMax` follows IEEE NaN rules lane by lane
    /// and is ~5× slower here).
    @inline(__always)
    static func larger(_ a: V, _ b: V) -> V {
        var r = a
        r.replace(with: b, where: b .> a)
        return r
    }

    /// The sum of the 16 lanes by halving (the generic `SIMD.sum()` is not inlined here and
    /// showed up at ~5% of the benchmark).
    @inline(__always)
    static func total(_ v: V) -> Float {
        let a = v.lowHalf + v.highHalf
        let b = a.lowHalf + a.highHalf
        let c = b.lowHalf + b.highHalf
        return c[0] + c[1]
    }

    /// Σ x[0..<n].
    @inline(__always)
    static func sum(_ x: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = V()
        var i = 0
        while i &+ 16 <= n {
            acc += load(x + i)
            i &+= 16
        }
        var s = total(acc)
        while i < n {
            s += x[i]
            i &+= 1
        }
        return s
    }

    /// Σ a[j]·b[j] over j < n.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = V()
        var i = 0
        while i &+ 16 <= n {
            acc += load(a + i) * load(b + i)
            i &+= 16
        }
        var s = total(acc)
        while i < n {
            s += a[i] * b[i]
            i &+= 1
        }
        return s
    }

    /// y[j] = exp(x[j] − shift) for j < n; returns Σ y. `x` and `y` may be the same row (each
    /// block is read before it is written) but must not otherwise overlap.
    /// (An explicit loop: passing a capturing closure to `VectorMath.map` is ~3× slower.)
    @inline(__always)
    static func expShifted(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int, shift: Float
    ) -> Float {
        let s = V(repeating: shift)
        var acc = V()
        var i = 0
        while i &+ 16 <= n {
            let e = VectorMath.exp(load(x + i) - s)
            store(e, y + i)
            acc += e
            i &+= 16
        }
        if i < n {
            var v = V(repeating: -.infinity)  // exp(−inf) = 0 in the unused lanes
            for j in 0..<(n &- i) { v[j] = x[i &+ j] }
            let e = VectorMath.exp(v - s)
            for j in 0..<(n &- i) { y[i &+ j] = e[j] }
            acc += e
        }
        return total(acc)
    }

    /// y[j] += a · x[j] for j < n (`x` and `y` must not overlap).
    @inline(__always)
    static func addScaled(_ x: UnsafePointer<Float>, _ a: Float, into y: UnsafeMutablePointer<Float>, _ n: Int) {
        let s = V(repeating: a)
        var i = 0
        while i &+ 16 <= n {
            store(load(y + i) + s * load(x + i), y + i)
            i &+= 16
        }
        while i < n {
            y[i] += a * x[i]
            i &+= 1
        }
    }

    /// y[j] *= s for j < n.
    @inline(__always)
    static func scale(_ y: UnsafeMutablePointer<Float>, _ n: Int, by s: Float) {
        for j in 0..<n { y[j] *= s }
    }
}
