/// Softmax and log-softmax along an axis, computed stably (each slice shifted by its max).
extension Tensor {
    /// softmax(x)ᵢ = exp(xᵢ − max x) / Σⱼ exp(xⱼ − max x) along `axis` (default: last).
    /// Gradient: y ⊙ (g − Σ(g ⊙ y)) along the axis.
    public func softmax(axis: Int = -1) -> Tensor {
        let a = Shape.normalize(axis: axis, rank: rank, op: "softmax")
        if a != rank - 1 { return transposed(a, -1).softmax(axis: -1).transposed(a, -1) }
        let n = shape[a]
        let rows = n == 0 ? 0 : count / n
        var y = Tensor(uninitializedShape: shape)
        SoftmaxKernel.softmax(storage.pointer, y.storage.pointer, rows: rows, n: n)
        let out = y.detached
        y.record(self) { g in
            let dx = Tensor(uninitializedShape: out.shape)
            SoftmaxKernel.softmaxBackward(g.storage.pointer, out.storage.pointer, dx.storage.pointer, rows: rows, n: n)
            return dx
        }
        return y
    }

    /// log softmax(x) = x − log Σ exp(x) along `axis` (default: last).
    /// Gradient: g − softmax(x) · Σ g along the axis.
    public func logSoftmax(axis: Int = -1) -> Tensor {
        let a = Shape.normalize(axis: axis, rank: rank, op: "logSoftmax")
        if a != rank - 1 { return transposed(a, -1).logSoftmax(axis: -1).transposed(a, -1) }
        let n = shape[a]
        let rows = n == 0 ? 0 : count / n
        var y = Tensor(uninitializedShape: shape)
        SoftmaxKernel.logSoftmax(storage.pointer, y.storage.pointer, rows: rows, n: n)
        let out = y.detached
        y.record(self) { g in
            let dx = Tensor(uninitializedShape: out.shape)
            SoftmaxKernel.logSoftmaxBackward(
                g.storage.pointer, out.storage.pointer, dx.storage.pointer, rows: rows, n: n)
            return dx
        }
        return y
    }

    /// log Σ exp(x) along `axis`, stable. Composed from logSoftmax-style kernels' pieces:
    /// = max + log Σ exp(x − max). Gradient: g · softmax(x).
    public func logSumExp(axis: Int = -1, keepingDimension: Bool = false) -> Tensor {
        let a = Shape.normalize(axis: axis, rank: rank, op: "logSumExp")
        let m = withoutGradient { self.max(axis: a, keepingDimension: true) }
        let s = (self - m).exp().sum(axis: a, keepingDimension: true).log() + m
        return keepingDimension ? s : s.squeezingShape(at: [a])
    }
}

/// softmax along `axis` (see `Tensor.softmax(axis:)`).
public func softmax(_ x: Tensor, axis: Int = -1) -> Tensor { x.softmax(axis: axis) }
/// log-softmax along `axis` (see `Tensor.logSoftmax(axis:)`).
public func logSoftmax(_ x: Tensor, axis: Int = -1) -> Tensor { x.logSoftmax(axis: axis) }
