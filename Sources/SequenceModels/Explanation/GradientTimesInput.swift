import Tensors

/// Gradient × input saliency of each input position (Shrikumar et al. 2017; Jain & Wallace
/// 2019 compare attention with gradient-based importance):
///
///     sᵢ = Σₑ (∂f/∂xᵢₑ) · xᵢₑ
///
/// for inputs X `[..., positions, features]` (the embedded tokens: one row per position) and a
/// scalar function f of them (for example the log-probability of the predicted class). sᵢ is
/// the first-order (Taylor) estimate of how much f changes when row i is set to zero; it is
/// signed, so rank positions by |sᵢ| to compare with attention weights.
///
/// f is evaluated once on a fresh tape. Gradients flow into every `Parameter` f reads; list
/// the model's parameters in `preserving` to leave their accumulated gradients as they were.
///
/// - Returns: s, one value per position (the product of all but the last axis of X).
public func gradientTimesInput(
    _ inputs: Tensor, preserving parameters: [Parameter] = [], _ f: (Tensor) -> Tensor
) -> [Double] {
    let input = Parameter(inputs)
    let gradient = valueWithGradient(at: [input] + parameters) { f(input.value) }.gradients[0]
    let features = inputs.shape.last ?? 1
    let x = inputs.scalars
    let g = gradient.scalars
    return stride(from: 0, to: x.count, by: Swift.max(features, 1)).map { start in
        var sum = 0.0
        for e in start..<(start + features) { sum += Double(x[e]) * Double(g[e]) }
        return sum
    }
}
