import Tensors

/// Batch normalisation over every axis but the last (the features), like
/// `torch.nn.BatchNorm1d` applied to `[batch, features]` or, transposed, `[batch, time, features]`.
///
/// Training: y = (x − μ_B) / √(σ²_B + ε) · γ + β with μ_B, σ²_B (biased) over all rows of the
/// batch, and running statistics updated as r ← (1 − m)·r + m·stat (the running variance uses
/// the unbiased batch variance, as PyTorch does). Evaluation: the running statistics replace the
/// batch ones, so an example's output no longer depends on the rest of its batch.
/// A class: the running statistics and the mode are state. Shapes: `[..., features]` → same.
public final class BatchNorm: Layer {
    /// The scale γ, shape `[features]`.
    public let weight: Parameter
    /// The shift β, shape `[features]`.
    public let bias: Parameter
    /// The running mean used in evaluation, shape `[features]` (starts at 0).
    public private(set) var runningMean: Tensor
    /// The running (unbiased) variance used in evaluation, shape `[features]` (starts at 1).
    public private(set) var runningVariance: Tensor
    /// The weight m of the newest batch in the running statistics (PyTorch's 0.1).
    public let momentum: Float
    /// Added to the variance before the square root.
    public let epsilon: Float
    /// Training mode (batch statistics, updates the running ones) or evaluation mode.
    public var isTraining: Bool = true

    /// γ = 1, β = 0, running mean 0 and variance 1.
    public init(_ features: Int, momentum: Float = 0.1, epsilon: Float = 1e-5) {
        weight = Parameter(Tensor.ones([features]))
        bias = Parameter(Tensor.zeros([features]))
        runningMean = Tensor.zeros([features])
        runningVariance = Tensor.ones([features])
        self.momentum = momentum
        self.epsilon = epsilon
    }

    /// `weight` and `bias` (the running statistics are buffers, not parameters).
    public var namedParameters: [NamedParameter] {
        [NamedParameter("weight", weight), NamedParameter("bias", bias)]
    }

    /// Normalises each feature with batch (training) or running (evaluation) statistics.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        let features = input.shape[input.rank - 1]
        let rows = input.reshaped(to: [-1, features])
        let normalized: Tensor
        if isTraining {
            let n = rows.shape[0]
            let mean = rows.mean(axis: 0, keepingDimension: true)
            let centered = rows - mean
            let variance = centered.squared().mean(axis: 0, keepingDimension: true)
            normalized = centered / (variance + epsilon).sqrt()
            withoutGradient {
                let unbiased = variance.detached.reshaped(to: [features]) * (Float(n) / Float(Swift.max(n - 1, 1)))
                runningMean = runningMean * (1 - momentum) + mean.detached.reshaped(to: [features]) * momentum
                runningVariance = runningVariance * (1 - momentum) + unbiased * momentum
            }
        } else {
            normalized = (rows - runningMean) / (runningVariance + epsilon).sqrt()
        }
        return (normalized * weight.value + bias.value).reshaped(to: input.shape)
    }
}
