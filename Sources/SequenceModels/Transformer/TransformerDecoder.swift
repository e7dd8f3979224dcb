import Tensors

/// What a decoder stack returns.
public struct DecoderOutput {
    /// `[batch, time, dModel]` (after the final norm in pre-norm stacks).
    public var output: Tensor
    /// Per layer: self-attention head weights `[batch, heads, time, keys]`.
    public var selfAttention: [Tensor]
    /// Per layer: cross-attention head weights `[batch, heads, time, sourceTime]`.
    public var crossAttention: [Tensor]
}

/// A stack of decoder layers (with a final LayerNorm in the pre-norm arrangement).
/// Parameters: `layers.{i}.*`, `norm.*` (pre-norm only).
public struct TransformerDecoder: Module, TrainingModeSwitchable {
    /// The layers, bottom first.
    public let layers: [TransformerDecoderLayer]
    /// The final norm (pre-norm stacks only).
    public let norm: LayerNorm?

    /// `count` layers with independent parameters.
    public init(
        count: Int, dModel: Int, heads: Int, feedForward: Int, dropout: Float = 0.1,
        activation: Activation = .relu, placement: NormPlacement = .preNorm, rng: inout RandomGenerator
    ) {
        layers = (0..<count).map { _ in
            TransformerDecoderLayer(
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

    /// The whole target `[batch, time, dModel]` at once with a causal self-mask (plus `selfMask`
    /// if given) over memory `[batch, sourceTime, dModel]` with `memoryMask`.
    public func callAsFunction(_ x: Tensor, memory: Tensor, memoryMask: Tensor?, selfMask: Tensor? = nil)
        -> DecoderOutput
    {
        let t = x.shape[1]
        let mask = AttentionMask.combine(AttentionMask.causal(queryCount: t, keyCount: t), selfMask)
        var h = x
        var sa: [Tensor] = []
        var ca: [Tensor] = []
        for layer in layers {
            let o = layer(h, memory: memory, selfMask: mask, memoryMask: memoryMask)
            h = o.output
            sa.append(o.selfAttention)
            ca.append(o.crossAttention)
        }
        return DecoderOutput(output: norm.map { $0(h) } ?? h, selfAttention: sa, crossAttention: ca)
    }

    /// Incremental decoding of the new positions `x` `[batch, new, dModel]` using and extending `cache`.
    public func step(_ x: Tensor, memory: Tensor, memoryMask: Tensor?, cache: DecoderCache) -> DecoderOutput {
        requireArgument(
            cache.selfAttention.count == layers.count,
            "TransformerDecoder: cache is for \(cache.selfAttention.count) layers, not \(layers.count)")
        var h = x
        var sa: [Tensor] = []
        var ca: [Tensor] = []
        for (i, layer) in layers.enumerated() {
            let o = layer.step(
                h, memory: memory, memoryMask: memoryMask,
                selfCache: &cache.selfAttention[i], crossCache: &cache.crossAttention[i])
            h = o.output
            sa.append(o.selfAttention)
            ca.append(o.crossAttention)
        }
        return DecoderOutput(output: norm.map { $0(h) } ?? h, selfAttention: sa, crossAttention: ca)
    }
}
