/// Rescales all gradients together so that their global L2 norm is at most `maxNorm`
/// (as `torch.nn.utils.clip_grad_norm_`): with N = √(Σ‖g‖²) over every parameter,
/// each g ← g · maxNorm / (N + 1e-6) when N > maxNorm.
///
/// Returns N, the norm before clipping (worth logging: spikes show instability).
@discardableResult
public func clipGradientsByGlobalNorm(_ parameters: [Parameter], maxNorm: Float) -> Float {
    var total: Double = 0
    for p in parameters {
        guard let g = p.gradient else { continue }
        g.withUnsafeBufferPointer { b in for x in b { total += Double(x) * Double(x) } }
    }
    let norm = Float(total.squareRoot())
    if norm > maxNorm {
        let scale = maxNorm / (norm + 1e-6)
        for p in parameters where p.gradient != nil {
            p.gradient! *= scale
        }
    }
    return norm
}
