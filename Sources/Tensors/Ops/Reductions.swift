/// Reductions: sums, means, maxima and argmax over all elements or along one axis.
///
/// Along-axis versions remove the axis (shape `[a, n, b]` → `[a, b]` for axis 1) unless
/// `keepingDimension` is true (→ `[a, 1, b]`), which is handy for broadcasting back.
extension Tensor {
    /// The sum of all elements (a scalar, shape `[]`). Gradient: g broadcast to every element.
    public func sum() -> Tensor {
        var y = Tensor(RowKernels.sum(storage.pointer, count))
        let original = shape
        y.record(self) { g in Tensor(shape: original, repeating: g.storage.pointer[0]) }
        return y
    }

    /// The mean of all elements (a scalar). Gradient: g / count at every element.
    public func mean() -> Tensor { sum() * (1 / Float(Swift.max(count, 1))) }

    /// Sums along `axis`. Gradient: g broadcast back along the axis.
    public func sum(axis: Int, keepingDimension: Bool = false) -> Tensor {
        let a = Shape.normalize(axis: axis, rank: rank, op: "sum")
        let (outer, n, inner) = Shape.split(shape, at: a)
        var outShape = shape
        outShape[a] = 1
        let y = Tensor(shape: outShape, repeating: 0)
        let p = storage.pointer
        let q = y.storage.pointer
        for o in 0..<outer {
            let src = p + o &* n &* inner
            let dst = q + o &* inner
            for k in 0..<n {
                let row = src + k &* inner
                for j in 0..<inner { dst[j] += row[j] }
            }
        }
        var result = keepingDimension ? y : y.withShape(Tensor.removing(a, from: shape))
        let original = shape
        result.record(self) { g in
            Broadcast.binary(Tensor.zeros(original), g.withShape(outShape), out: original, +)
        }
        return result
    }

    /// The mean along `axis` (sum / length). Gradient: g / length broadcast back.
    public func mean(axis: Int, keepingDimension: Bool = false) -> Tensor {
        let a = Shape.normalize(axis: axis, rank: rank, op: "mean")
        return sum(axis: a, keepingDimension: keepingDimension) * (1 / Float(Swift.max(shape[a], 1)))
    }

    /// The biased variance along `axis`: mean((x − mean x)²), as layer normalisation uses.
    /// Gradient: through the composed mean/subtract/square ops.
    public func variance(axis: Int, keepingDimension: Bool = false) -> Tensor {
        let a = Shape.normalize(axis: axis, rank: rank, op: "variance")
        let centered = self - mean(axis: a, keepingDimension: true)
        return centered.squared().mean(axis: a, keepingDimension: keepingDimension)
    }

    /// The largest element (a scalar). Gradient: g to the first position of the maximum.
    public func max() -> Tensor {
        reshaped(to: [count]).max(axis: 0)
    }

    /// The maximum along `axis`. Gradient: g to the first position of each maximum.
    public func max(axis: Int, keepingDimension: Bool = false) -> Tensor {
        let a = Shape.normalize(axis: axis, rank: rank, op: "max")
        let (outer, n, inner) = Shape.split(shape, at: a)
        if n == 0 { shapeFailure("max: axis \(axis) of shape \(shape) is empty", file: #fileID, line: #line) }
        var outShape = shape
        outShape[a] = 1
        let y = Tensor(uninitializedShape: outShape)
        let positions = argmaxKernel(outer: outer, n: n, inner: inner)
        let p = storage.pointer
        let q = y.storage.pointer
        for o in 0..<outer {
            for j in 0..<inner {
                let k = positions[o &* inner &+ j]
                q[o &* inner &+ j] = p[(o &* n &+ k) &* inner &+ j]
            }
        }
        var result = keepingDimension ? y : y.withShape(Tensor.removing(a, from: shape))
        let original = shape
        result.record(self) { g in
            let dx = Tensor.zeros(original)
            let pg = g.storage.pointer
            let pd = dx.storage.pointer
            for o in 0..<outer {
                for j in 0..<inner {
                    let k = positions[o &* inner &+ j]
                    pd[(o &* n &+ k) &* inner &+ j] = pg[o &* inner &+ j]
                }
            }
            return dx
        }
        return result
    }

    /// The index of the (first) maximum along `axis`, as Float values in a tensor whose shape
    /// is this shape without `axis`. Not differentiable.
    public func argmax(axis: Int = -1) -> Tensor {
        let a = Shape.normalize(axis: axis, rank: rank, op: "argmax")
        let (outer, n, inner) = Shape.split(shape, at: a)
        let positions = argmaxKernel(outer: outer, n: n, inner: inner)
        return Tensor(shape: Tensor.removing(a, from: shape), scalars: positions.map(Float.init))
    }

    /// The index of the (first) maximum along `axis` for each position of the other axes,
    /// row-major, as `Int`s (e.g. predicted token ids for logits `[batch, vocab]`).
    public func argmaxIndices(axis: Int = -1) -> [Int] {
        let a = Shape.normalize(axis: axis, rank: rank, op: "argmax")
        let (outer, n, inner) = Shape.split(shape, at: a)
        return argmaxKernel(outer: outer, n: n, inner: inner)
    }

    func argmaxKernel(outer: Int, n: Int, inner: Int) -> [Int] {
        var positions = [Int](repeating: 0, count: outer &* inner)
        let p = storage.pointer
        for o in 0..<outer {
            for j in 0..<inner {
                var best = p[o &* n &* inner &+ j]
                var bestK = 0
                for k in 1..<Swift.max(n, 1) {
                    let v = p[(o &* n &+ k) &* inner &+ j]
                    if v > best || (best.isNaN && !v.isNaN) {
                        best = v
                        bestK = k
                    }
                }
                positions[o &* inner &+ j] = bestK
            }
        }
        return positions
    }

    static func removing(_ axis: Int, from shape: [Int]) -> [Int] {
        var s = shape
        s.remove(at: axis)
        return s
    }
}
