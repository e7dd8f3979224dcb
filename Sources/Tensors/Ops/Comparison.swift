/// Comparisons give masks (1 where true, 0 where false) with broadcasting; masks select
/// between tensors (`where`) or overwrite positions (`maskedFill`), e.g. to hide padding or
/// future positions before a softmax. Comparisons are not differentiable.
infix operator .> : ComparisonPrecedence
infix operator .>= : ComparisonPrecedence
infix operator .<= : ComparisonPrecedence
infix operator .!= : ComparisonPrecedence

extension Tensor {
    /// 1 where lhs > rhs else 0 (broadcasting).
    public static func .> (lhs: Tensor, rhs: Tensor) -> Tensor { compare(">", lhs, rhs) { $0 > $1 } }
    /// 1 where lhs ≥ rhs else 0 (broadcasting).
    public static func .>= (lhs: Tensor, rhs: Tensor) -> Tensor { compare(">=", lhs, rhs) { $0 >= $1 } }
    /// 1 where lhs < rhs else 0 (broadcasting).
    public static func .< (lhs: Tensor, rhs: Tensor) -> Tensor { compare("<", lhs, rhs) { $0 < $1 } }
    /// 1 where lhs ≤ rhs else 0 (broadcasting).
    public static func .<= (lhs: Tensor, rhs: Tensor) -> Tensor { compare("<=", lhs, rhs) { $0 <= $1 } }
    /// 1 where lhs = rhs else 0 (broadcasting).
    public static func .== (lhs: Tensor, rhs: Tensor) -> Tensor { compare("==", lhs, rhs) { $0 == $1 } }
    /// 1 where lhs ≠ rhs else 0 (broadcasting).
    public static func .!= (lhs: Tensor, rhs: Tensor) -> Tensor { compare("!=", lhs, rhs) { $0 != $1 } }
    /// 1 where x > s else 0.
    public static func .> (lhs: Tensor, rhs: Float) -> Tensor { lhs .> Tensor(rhs) }
    /// 1 where x ≥ s else 0.
    public static func .>= (lhs: Tensor, rhs: Float) -> Tensor { lhs .>= Tensor(rhs) }
    /// 1 where x < s else 0.
    public static func .< (lhs: Tensor, rhs: Float) -> Tensor { lhs .< Tensor(rhs) }
    /// 1 where x ≤ s else 0.
    public static func .<= (lhs: Tensor, rhs: Float) -> Tensor { lhs .<= Tensor(rhs) }
    /// 1 where x = s else 0.
    public static func .== (lhs: Tensor, rhs: Float) -> Tensor { lhs .== Tensor(rhs) }
    /// 1 where x ≠ s else 0.
    public static func .!= (lhs: Tensor, rhs: Float) -> Tensor { lhs .!= Tensor(rhs) }

    @inline(__always)
    static func compare(_ op: String, _ a: Tensor, _ b: Tensor, _ f: (Float, Float) -> Bool) -> Tensor {
        let out = broadcastShape(op, a, b, file: #fileID, line: #line)
        return Broadcast.binary(a, b, out: out) { f($0, $1) ? 1 : 0 }
    }

    /// This tensor repeated along broadcast axes to `shape` (NumPy rules).
    /// Gradient: g summed back over the broadcast axes.
    public func broadcasted(to shape: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        if self.shape == shape { return self }
        guard Shape.broadcast(self.shape, shape) == shape else {
            shapeFailure(
                .shapeMismatch(
                    operation: "broadcast", shapes: [self.shape, shape],
                    detail: "cannot broadcast the first to the second"),
                file: file, line: line)
        }
        var y = Broadcast.binary(self, Tensor.zeros(shape), out: shape) { a, _ in a }
        let original = self.shape
        y.record(self) { g in Broadcast.reduce(g, to: original) }
        return y
    }

    /// Elementwise choice: `a` where `mask` ≠ 0, `b` elsewhere; all three broadcast together.
    /// Gradient: g to `a` where the mask is set, to `b` elsewhere.
    public static func `where`(
        _ mask: Tensor, _ a: Tensor, _ b: Tensor, file: StaticString = #fileID, line: UInt = #line
    ) -> Tensor {
        guard let ab = Shape.broadcast(a.shape, b.shape), let out = Shape.broadcast(mask.shape, ab) else {
            shapeFailure(
                .shapeMismatch(operation: "where", shapes: [mask.shape, a.shape, b.shape], detail: "cannot broadcast"),
                file: file, line: line)
        }
        let m = mask.broadcasted(to: out).detached
        let x = a.broadcasted(to: out)
        let z = b.broadcasted(to: out)
        var y = Tensor(uninitializedShape: out)
        let pm = m.storage.pointer
        let px = x.storage.pointer
        let pz = z.storage.pointer
        let py = y.storage.pointer
        for i in 0..<y.count { py[i] = pm[i] != 0 ? px[i] : pz[i] }
        y.record(x, z) { g, needA, needB in
            var ga: Tensor? = nil
            var gb: Tensor? = nil
            if needA { ga = g.zipElements(m) { $1 != 0 ? $0 : 0 } }
            if needB { gb = g.zipElements(m) { $1 != 0 ? 0 : $0 } }
            return (ga, gb)
        }
        return y
    }

    /// A copy with `value` written wherever `mask` ≠ 0 (`mask` broadcasts to this shape),
    /// e.g. `scores.maskedFill(where: padMask, with: -1e9)` before a softmax.
    /// Gradient: g where the mask is 0, else 0.
    public func maskedFill(
        where mask: Tensor, with value: Float, file: StaticString = #fileID, line: UInt = #line
    ) -> Tensor {
        guard Shape.broadcast(shape, mask.shape) == shape else {
            shapeFailure(
                .shapeMismatch(
                    operation: "maskedFill", shapes: [shape, mask.shape],
                    detail: "the mask must broadcast to the tensor"),
                file: file, line: line)
        }
        let m = mask.broadcasted(to: shape).detached
        var y = zipElements(m) { $1 != 0 ? value : $0 }
        y.record(self) { g in g.zipElements(m) { $1 != 0 ? 0 : $0 } }
        return y
    }

    /// The causal (look-ahead) mask `[n, n]`: 1 strictly above the diagonal (column > row), the
    /// future positions a decoder must not see; use with `maskedFill(where:with:)`.
    public static func causalMask(_ n: Int) -> Tensor {
        let y = Tensor.zeros([n, n])
        for i in 0..<n { for j in (i + 1)..<Swift.max(n, i + 1) { y.storage.pointer[i * n + j] = 1 } }
        return y
    }
}
