import Tensors

/// The position-wise feed-forward block of a Transformer:
/// FFN(x) = W₂ · dropout(act(W₁ x + b₁)) + b₂, applied to every position independently.
///
/// `[batch, time, dModel]` → `[batch, time, dModel]` (any `[..., dModel]`).
/// Parameters: `linear1` (`[hidden, dModel]`), `linear2` (`[dModel, hidden]`), PyTorch's names.
public struct FeedForward: Layer {
    /// The expansion W₁: dModel → hidden.
    public let linear1: Linear
    /// The projection back W₂: hidden → dModel.
    public let linear2: Linear
    /// The nonlinearity between them.
    public let activation: Activation
    /// Dropout after the activation.
    public let dropout: Dropout

    /// A block dModel → hidden → dModel.
    public init(
        dModel: Int, hidden: Int, activation: Activation = .relu, dropout rate: Float = 0,
        rng: inout RandomGenerator
    ) {
        linear1 = Linear(dModel, hidden, rng: &rng)
        linear2 = Linear(hidden, dModel, rng: &rng)
        self.activation = activation
        dropout = Dropout(rate: rate, seed: rng.next())
    }

    /// `linear1.*`, `linear2.*`.
    public var namedParameters: [NamedParameter] {
        linear1.namedParameters(prefix: "linear1") + linear2.namedParameters(prefix: "linear2")
    }

    /// W₂ · dropout(act(W₁ x + b₁)) + b₂.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        linear2(dropout(activation(linear1(input))))
    }
}
