import Tensors

/// Layer normalisation over the last axis, like `torch.nn.LayerNorm(dim)`:
///
/// y = (x − μ) / √(σ² + ε) · γ + β, with μ, σ² the mean and biased variance of each row's
/// last axis. Any shape `[..., dim]` → same shape; the statistics never depend on the batch.
/// Parameters: `weight` γ `[dim]` (ones), `bias` β `[dim]` (zeros).
public struct LayerNorm: Layer {
    /// The scale γ, shape `[dim]`.
    public let weight: Parameter
    /// The shift β, shape `[dim]`.
    public let bias: Parameter
    /// Added to the variance before the square root.
    public let epsilon: Float

    /// γ = 1, β = 0.
    public init(_ dim: Int, epsilon: Float = 1e-5) {
        weight = Parameter(Tensor.ones([dim]))
        bias = Parameter(Tensor.zeros([dim]))
        self.epsilon = epsilon
    }

    /// `weight` and `bias`.
    public var namedParameters: [NamedParameter] {
        [NamedParameter("weight", weight), NamedParameter("bias", bias)]
    }

    /// Normalises each row of the last axis, then scales and shifts (one fused op, see
    /// `Tensor.layerNormalized(weight:bias:epsilon:)`).
    public func callAsFunction(_ input: Tensor) -> Tensor {
        input.layerNormalized(weight: weight.value, bias: bias.value, epsilon: epsilon)
    }
}
