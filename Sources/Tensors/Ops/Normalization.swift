/// Layer normalisation as one fused op (one pass forward, one pass backward, `LayerNormKernel`)
/// instead of the ~10 recorded elementwise ops and reductions it takes when composed.
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
        LayerNormKernel.forward(
            x: storage.pointer, weight: weight.storage.pointer, bias: bias.storage.pointer, rows: rows, d: d,
            epsilon: epsilon, y: y.storage.pointer, normalized: normalized.storage.pointer,
            inverseStd: inverseStd.storage.pointer)
        let w = weight.detached
        y.record([self, weight, bias]) { g, need in
            let dx = need[0] ? Tensor(uninitializedShape: g.shape) : nil
            let sums = need[1] || need[2]
            let dw = sums ? Tensor(uninitializedShape: [d]) : nil
            let db = sums ? Tensor(uninitializedShape: [d]) : nil
            LayerNormKernel.backward(
                g: g.storage.pointer, normalized: normalized.storage.pointer, inverseStd: inverseStd.storage.pointer,
                weight: w.storage.pointer, rows: rows, d: d, dx: dx?.storage.pointer, dWeight: dw?.storage.pointer,
                dBias: db?.storage.pointer)
            return [dx, need[1] ? dw : nil, need[2] ? db : nil]
        }
        return y
    }
}
