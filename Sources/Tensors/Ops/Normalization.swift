/// Layer normalisation as one fused op (one pass forward, one pass backward) instead of the
/// ~10 recorded elementwise ops and reductions it takes when composed.
extension Tensor {
    /// y = (x − μ) / √(σ² + ε) · weight + bias over the last axis, with μ, σ² each row's mean
    /// and biased variance (`torch.nn.functional.layer_norm` over the last dimension).
    ///
    /// `self` `[..., d]`, `weight` and `bias` `[d]` → `[..., d]`. Gradients flow to all three:
    /// with x̂ the normalised row and ĝ = g ⊙ weight,
    /// dx = (ĝ − mean(ĝ) − x̂ · mean(ĝ ⊙ x̂)) / √(σ² + ε), dweight = Σ g ⊙ x̂, dbias = Σ g.
    public func layerNormalized(
        weight: Tensor, bias: Tensor, epsilon: Float = 1e-5, file: StaticString = #fileID, line: UInt = #line
    ) -> Tensor {
        let d = rank == 0 ? 0 : shape[rank - 1]
        if rank == 0 || weight.shape != [d] || bias.shape != [d] {
            shapeFailure(
                "layerNormalized: input \(shape) needs weight and bias of shape [\(d)], got \(weight.shape) and \(bias.shape)",
                file: file, line: line)
        }
        let rows = d == 0 ? 0 : count / d
        var y = Tensor(uninitializedShape: shape)
        let normalized = Tensor(uninitializedShape: shape)  // x̂, kept for the gradient
        let inverseStd = Tensor(uninitializedShape: [rows])
        let px = storage.pointer
        let py = y.storage.pointer
        let pn = normalized.storage.pointer
        let pr = inverseStd.storage.pointer
        let pw = weight.storage.pointer
        let pb = bias.storage.pointer
        let invD = 1 / Float(d)
        ParallelLoop.run(units: rows, work: count, minimumWork: ParallelLoop.elementwiseWork) { range in
            for r in range {
                let x = px + r &* d
                let xn = pn + r &* d
                let out = py + r &* d
                let mean = RowKernels.sum(x, d) * invD
                for j in 0..<d { xn[j] = x[j] - mean }
                let variance = RowKernels.dot(xn, xn, d) * invD
                let s = 1 / (variance + epsilon).squareRoot()
                pr[r] = s
                for j in 0..<d {
                    xn[j] *= s
                    out[j] = xn[j] * pw[j] + pb[j]
                }
            }
        }
        let w = weight.detached
        y.record([self, weight, bias]) { g, need in
            let pg = g.storage.pointer
            let pn = normalized.storage.pointer
            let pr = inverseStd.storage.pointer  // keeps both alive
            var dx: Tensor? = nil
            var dw: Tensor? = nil
            var db: Tensor? = nil
            if need[1] || need[2] {
                let gw = Tensor(shape: [d], repeating: 0)
                let gb = Tensor(shape: [d], repeating: 0)
                let qw = gw.storage.pointer
                let qb = gb.storage.pointer
                for r in 0..<rows {
                    let gr = pg + r &* d
                    let xn = pn + r &* d
                    for j in 0..<d {
                        qw[j] += gr[j] * xn[j]
                        qb[j] += gr[j]
                    }
                }
                dw = gw
                db = gb
            }
            if need[0] {
                let result = Tensor(uninitializedShape: g.shape)
                let pd = result.storage.pointer
                let pw = w.storage.pointer
                ParallelLoop.run(units: rows, work: g.count, minimumWork: ParallelLoop.elementwiseWork) { range in
                    for r in range {
                        let gr = pg + r &* d
                        let xn = pn + r &* d
                        let out = pd + r &* d
                        for j in 0..<d { out[j] = gr[j] * pw[j] }  // ĝ
                        let meanG = RowKernels.sum(out, d) * invD
                        let meanGX = RowKernels.dot(out, xn, d) * invD
                        let s = pr[r]
                        for j in 0..<d { out[j] = (out[j] - meanG - xn[j] * meanGX) * s }
                    }
                }
                dx = result
            }
            return [dx, need[1] ? dw : nil, need[2] ? db : nil]
        }
        return y
    }
}
