import Tensors

/// One Transformer encoder layer, as `torch.nn.TransformerEncoderLayer(batch_first=True)`:
///
/// post-norm: x = LN₁(x + SA(x)); x = LN₂(x + FFN(x))
/// pre-norm:  x = x + SA(LN₁(x)); x = x + FFN(LN₂(x))
///
/// SA is multi-head self-attention (dropout after it and after the FFN). Also the block of a
/// decoder-only (GPT-style) model when given a causal mask.
/// x `[batch, time, dModel]` → `[batch, time, dModel]` plus head weights `[batch, heads, time, time]`.
/// Parameters: `self_attn.*`, `feed_forward.*`, `norm1.*`, `norm2.*`.
public struct TransformerEncoderLayer: Module, TrainingModeSwitchable {
    /// Multi-head self-attention.
    public let selfAttention: MultiHeadAttention
    /// The position-wise feed-forward block.
    public let feedForward: FeedForward
    /// Norms around the two sublayers.
    public let norm1: LayerNorm, norm2: LayerNorm
    /// Dropout on each sublayer's output.
    public let dropout1: Dropout, dropout2: Dropout
    /// Pre- or post-norm.
    public let placement: NormPlacement

    /// A layer of width `dModel` with `heads` heads and an FFN of width `feedForward`.
    public init(
        dModel: Int, heads: Int, feedForward: Int, dropout: Float = 0.1, activation: Activation = .relu,
        placement: NormPlacement = .preNorm, rng: inout RandomGenerator
    ) {
        selfAttention = MultiHeadAttention(queryDim: dModel, heads: heads, dropout: dropout, rng: &rng)
        self.feedForward = FeedForward(
            dModel: dModel, hidden: feedForward, activation: activation,
            dropout: dropout, rng: &rng)
        norm1 = LayerNorm(dModel)
        norm2 = LayerNorm(dModel)
        dropout1 = Dropout(rate: dropout, seed: rng.next())
        dropout2 = Dropout(rate: dropout, seed: rng.next())
        self.placement = placement
    }

    /// `self_attn.*`, `feed_forward.*`, `norm1.*`, `norm2.*`.
    public var namedParameters: [NamedParameter] {
        selfAttention.namedParameters(prefix: "self_attn") + feedForward.namedParameters(prefix: "feed_forward")
            + norm1.namedParameters(prefix: "norm1") + norm2.namedParameters(prefix: "norm2")
    }

    /// Switches every dropout.
    public func setTraining(_ training: Bool) {
        for d in [dropout1, dropout2] { d.setTraining(training) }
        selfAttention.setTraining(training)
        feedForward.setTraining(training)
    }

    /// Applies the layer; `mask` (1 = hidden) broadcasts to `[batch, time, time]`, e.g.
    /// `AttentionMask.padding` and/or `AttentionMask.causal`.
    public func callAsFunction(_ x: Tensor, mask: Tensor? = nil) -> (output: Tensor, attention: Tensor) {
        switch placement {
        case .preNorm:
            let h = norm1(x)
            let a = selfAttention(query: h, keys: h, values: h, mask: mask)
            let y = x + dropout1(a.context)
            return (y + dropout2(feedForward(norm2(y))), a.headWeights ?? a.weights)
        case .postNorm:
            let a = selfAttention(query: x, keys: x, values: x, mask: mask)
            let y = norm1(x + dropout1(a.context))
            return (norm2(y + dropout2(feedForward(y))), a.headWeights ?? a.weights)
        }
    }
}

/// A stack of encoder layers (with a final LayerNorm in the pre-norm arrangement):
/// `[batch, time, dModel]` → `[batch, time, dModel]` and every layer's head weights.
/// Parameters: `layers.{i}.*`, `norm.*` (pre-norm only).
public struct TransformerEncoder: Module, TrainingModeSwitchable {
    /// The layers, bottom first.
    public let layers: [TransformerEncoderLayer]
    /// The final norm (pre-norm stacks only).
    public let norm: LayerNorm?

    /// `count` identical-shaped layers with independent parameters.
    public init(
        count: Int, dModel: Int, heads: Int, feedForward: Int, dropout: Float = 0.1,
        activation: Activation = .relu, placement: NormPlacement = .preNorm, rng: inout RandomGenerator
    ) {
        layers = (0..<count).map { _ in
            TransformerEncoderLayer(
                dModel: dModel, heads: heads, feedForward: feedForward, dropout: dropout,
                activation: activation, placement: placement, rng: &rng)
        }
        norm = placement == .preNorm ? LayerNorm(dModel) : nil
    }

    /// `layers.{i}.*`, `norm.*`.
    public var namedParameters: [NamedParameter] {
        layers.enumerated().flatMap { $1.namedParameters.prefixed("layers.\($0)") }
            + (norm?.namedParameters(prefix: "norm") ?? [])
    }

    /// Switches every layer.
    public func setTraining(_ training: Bool) { for l in layers { l.setTraining(training) } }

    /// Runs every layer with the same `mask`; returns the output and each layer's
    /// `[batch, heads, time, time]` weights.
    public func callAsFunction(_ x: Tensor, mask: Tensor? = nil) -> (output: Tensor, attention: [Tensor]) {
        var h = x
        var weights: [Tensor] = []
        for layer in layers {
            let (y, w) = layer(h, mask: mask)
            h = y
            weights.append(w)
        }
        return (norm.map { $0(h) } ?? h, weights)
    }
}
