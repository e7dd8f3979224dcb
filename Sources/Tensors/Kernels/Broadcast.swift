/// Broadcasting loops: elementwise binary kernels over NumPy-broadcast shapes and the
/// reverse reduction that sums a gradient back to an input's shape.
enum Broadcast {
    /// Strides of `input` (rank ≤ `rank`) aligned to a rank-`rank` output: 0 on broadcast axes.
    static func alignedStrides(_ input: [Int], rank: Int) -> [Int] {
        let strides = Shape.strides(input)
        var result = [Int](repeating: 0, count: rank)
        let offset = rank - input.count
        for i in 0..<input.count where input[i] != 1 { result[offset + i] = strides[i] }
        return result
    }

    /// y[i] = f(a[ia], b[ib]) over the broadcast shape `out` of `a` and `b`.
    @inline(__always)
    static func binary(
        _ a: Tensor, _ b: Tensor, out: [Int], _ f: (Float, Float) -> Float
    ) -> Tensor {
        let y = Tensor(uninitializedShape: out)
        let pa = a.storage.pointer
        let pb = b.storage.pointer
        let py = y.storage.pointer
        let n = y.count
        if a.count == n && b.count == n {
            ParallelLoop.chunks(count: n) { range in
                for i in range { py[i] = f(pa[i], pb[i]) }
            }
        } else if b.count == 1 && a.count == n {
            let s = pb[0]
            for i in 0..<n { py[i] = f(pa[i], s) }
        } else if a.count == 1 && b.count == n {
            let s = pa[0]
            for i in 0..<n { py[i] = f(s, pb[i]) }
        } else if n > 0 {
            let rank = out.count
            let sa = alignedStrides(a.shape, rank: rank)
            let sb = alignedStrides(b.shape, rank: rank)
            let inner = out[rank - 1]
            let ia = sa[rank - 1]
            let ib = sb[rank - 1]
            var index = [Int](repeating: 0, count: rank)
            var offA = 0
            var offB = 0
            var offY = 0
            while offY < n {
                if ia == 1 && ib == 1 {
                    for j in 0..<inner { py[offY &+ j] = f(pa[offA &+ j], pb[offB &+ j]) }
                } else if ib == 0 && ia == 1 {
                    let s = pb[offB]
                    for j in 0..<inner { py[offY &+ j] = f(pa[offA &+ j], s) }
                } else if ia == 0 && ib == 1 {
                    let s = pa[offA]
                    for j in 0..<inner { py[offY &+ j] = f(s, pb[offB &+ j]) }
                } else {
                    for j in 0..<inner { py[offY &+ j] = f(pa[offA &+ j &* ia], pb[offB &+ j &* ib]) }
                }
                offY &+= inner
                // advance the multi-index over the outer axes
                var axis = rank - 2
                while axis >= 0 {
                    index[axis] &+= 1
                    offA &+= sa[axis]
                    offB &+= sb[axis]
                    if index[axis] < out[axis] { break }
                    offA &-= sa[axis] &* out[axis]
                    offB &-= sb[axis] &* out[axis]
                    index[axis] = 0
                    axis -= 1
                }
            }
        }
        return y
    }

    /// Sums `g` (shape `from`) over the axes on which `shape` was broadcast, giving `shape`.
    static func reduce(_ g: Tensor, to shape: [Int]) -> Tensor {
        if g.shape == shape { return g }
        let n = Shape.count(shape)
        let y = Tensor(shape: shape, repeating: 0)
        let pg = g.storage.pointer
        let py = y.storage.pointer
        if n == 1 {
            py[0] = RowKernels.sum(pg, g.count)
            return y
        }
        let out = g.shape
        let rank = out.count
        let sy = alignedStrides(shape, rank: rank)
        let inner = out[rank - 1]
        let iy = sy[rank - 1]
        var index = [Int](repeating: 0, count: rank)
        var offG = 0
        var offY = 0
        while offG < g.count {
            if iy == 1 {
                for j in 0..<inner { py[offY &+ j] += pg[offG &+ j] }
            } else {
                py[offY] += RowKernels.sum(pg + offG, inner)
            }
            offG &+= inner
            var axis = rank - 2
            while axis >= 0 {
                index[axis] &+= 1
                offY &+= sy[axis]
                if index[axis] < out[axis] { break }
                offY &-= sy[axis] &* out[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return y
    }
}

extension Tensor {
    /// self += other elementwise (same element count); copies first if the storage is shared.
    mutating func addInPlace(_ other: Tensor) {
        makeUnique()
        let p = storage.pointer
        let q = other.storage.pointer
        for i in 0..<count { p[i] += q[i] }
    }

    /// A new tensor with `f` applied to every element.
    @inline(__always)
    func mapElements(_ f: (Float) -> Float) -> Tensor {
        let y = Tensor(uninitializedShape: shape)
        let p = storage.pointer
        let q = y.storage.pointer
        for i in 0..<count { q[i] = f(p[i]) }
        return y
    }

    /// A new tensor with `f` applied to matching elements of two same-sized tensors.
    @inline(__always)
    func zipElements(_ other: Tensor, _ f: (Float, Float) -> Float) -> Tensor {
        let y = Tensor(uninitializedShape: shape)
        let p = storage.pointer
        let q = other.storage.pointer
        let r = y.storage.pointer
        for i in 0..<count { r[i] = f(p[i], q[i]) }
        return y
    }

    /// A new tensor with the vectorised `f` applied (16 lanes at a time).
    @inline(__always)
    func mapVector(_ f: (SIMD16<Float>) -> SIMD16<Float>) -> Tensor {
        let y = Tensor(uninitializedShape: shape)
        let (p, q) = (storage.pointer, y.storage.pointer)
        ParallelLoop.chunks(count: count) { range in
            VectorMath.map(p + range.lowerBound, q + range.lowerBound, range.count, f)
        }
        return y
    }

    /// A new tensor with the vectorised two-input `f` applied to two same-sized tensors.
    @inline(__always)
    func zipVector(_ other: Tensor, _ f: (SIMD16<Float>, SIMD16<Float>) -> SIMD16<Float>) -> Tensor {
        let y = Tensor(uninitializedShape: shape)
        let (p, q, r) = (storage.pointer, other.storage.pointer, y.storage.pointer)
        ParallelLoop.chunks(count: count) { range in
            VectorMath.map2(p + range.lowerBound, q + range.lowerBound, r + range.lowerBound, range.count, f)
        }
        return y
    }
}
