import Tensors

/// What a decoder layer or stack returns.
public struct DecoderLayerOutput {
    /// `[batch, time, dModel]`.
    public var output: Tensor
    /// Self-attention head weights `[batch, heads, time, keys]` (keys = all positions so far).
    public var selfAttention: Tensor
    /// Cross-attention head weights `[batch, heads, time, sourceTime]`.
    public var crossAttention: Tensor
}

/// One Transformer decoder layer, as `torch.nn.TransformerDecoderLayer(batch_first=True)`:
///
/// post-norm: x = LN₁(x + SA(x)); x = LN₂(x + CA(x, mem)); x = LN₃(x + FFN(x))
/// pre-norm:  x = x + SA(LN₁(x)); x = x + CA(LN₂(x), mem); x = x + FFN(LN₃(x))
///
/// x `[batch, time, dModel]`, memory `[batch, sourceTime, dModel]`.
/// Parameters: `self_attn.*`, `cross_attn.*`, `feed_forward.*`, `norm1.*`, `norm2.*`, `norm3.*`.
public struct TransformerDecoderLayer: Module, TrainingModeSwitchable {
    /// Masked multi-head self-attention.
    public let selfAttention: MultiHeadAttention
    /// Multi-head attention over the encoder memory.
    public let crossAttention: MultiHeadAttention
    /// The position-wise feed-forward block.
    public let feedForward: FeedForward
    /// Norms around the three sublayers.
    public let norm1: LayerNorm, norm2: LayerNorm, norm3: LayerNorm
    /// Dropout on each sublayer's output.
    public let dropouts: [Dropout]
    /// Pre- or post-norm.
    public let placement: NormPlacement

    /// A layer of width `dModel` with `heads` heads and an FFN of width `feedForward`.
    public init(
        dModel: Int, heads: Int, feedForward: Int, dropout: Float = 0.1, activation: Activation = .relu,
        placement: NormPlacement = .preNorm, rng: inout RandomGenerator
    ) {
        selfAttention = MultiHeadAttention(queryDim: dModel, heads: heads, dropout: dropout, rng: &rng)
        crossAttention = MultiHeadAttention(queryDim: dModel, heads: heads, dropout: dropout, rng: &rng)
        self.feedForward = FeedForward(
            dModel: dModel, hidden: feedForward, activation: activation,
            dropout: dropout, rng: &rng)
        norm1 = LayerNorm(dModel)
        norm2 = LayerNorm(dModel)
        norm3 = LayerNorm(dModel)
        dropouts = (0..<3).map { _ in Dropout(rate: dropout, seed: rng.next()) }
        self.placement = placement
    }

    /// `self_attn.*`, `cross_attn.*`, `feed_forward.*`, `norm1.*`, `norm2.*`, `norm3.*`.
    public var namedParameters: [NamedParameter] {
        selfAttention.namedParameters(prefix: "self_attn") + crossAttention.namedParameters(prefix: "cross_attn")
            + feedForward.namedParameters(prefix: "feed_forward") + norm1.namedParameters(prefix: "norm1")
            + norm2.namedParameters(prefix: "norm2") + norm3.namedParameters(prefix: "norm3")
    }

    /// Switches every dropout.
    public func setTraining(_ training: Bool) {
        for d in dropouts { d.setTraining(training) }
        selfAttention.setTraining(training)
        crossAttention.setTraining(training)
        feedForward.setTraining(training)
    }

    /// The whole target at once (training, or uncached decoding). `selfMask` (1 = hidden) is
    /// usually `AttentionMask.causal`; `memoryMask` usually `AttentionMask.padding` of the source.
    public func callAsFunction(_ x: Tensor, memory: Tensor, selfMask: Tensor?, memoryMask: Tensor?)
        -> DecoderLayerOutput
    {
        var noSelf: KeyValueCache? = nil
        var noCross: KeyValueCache? = nil
        return forward(
            x, memory: memory, selfMask: selfMask, memoryMask: memoryMask,
            selfCache: &noSelf, crossCache: &noCross)
    }

    /// Incremental decoding: `x` holds only the new positions `[batch, new, dModel]`; their
    /// keys/values are appended to `selfCache` and they attend to every cached position (causally
    /// among themselves); the memory's keys/values are projected once into `crossCache`.
    public func step(
        _ x: Tensor, memory: Tensor, memoryMask: Tensor?,
        selfCache: inout KeyValueCache, crossCache: inout KeyValueCache
    ) -> DecoderLayerOutput {
        let past = selfCache.count
        let new = x.shape[1]
        let mask = new > 1 ? AttentionMask.causal(queryCount: new, keyCount: past + new, offset: past) : nil
        var s: KeyValueCache? = selfCache
        var c: KeyValueCache? = crossCache
        let out = forward(x, memory: memory, selfMask: mask, memoryMask: memoryMask, selfCache: &s, crossCache: &c)
        if let s { selfCache = s }
        if let c { crossCache = c }
        return out
    }

    func forward(
        _ x: Tensor, memory: Tensor, selfMask: Tensor?, memoryMask: Tensor?,
        selfCache: inout KeyValueCache?, crossCache: inout KeyValueCache?
    ) -> DecoderLayerOutput {
        func selfAttend(_ h: Tensor) -> AttentionOutput {
            var (k, v) = selfAttention.projectKeysValues(keys: h, values: h)
            if var cache = selfCache {
                cache.append(keys: k, values: v)
                selfCache = cache
                k = cache.keys ?? k
                v = cache.values ?? v
            }
            return selfAttention.attend(query: h, projectedKeys: k, projectedValues: v, mask: selfMask)
        }
        func crossAttend(_ h: Tensor) -> AttentionOutput {
            if let cache = crossCache, let k = cache.keys, let v = cache.values {
                return crossAttention.attend(query: h, projectedKeys: k, projectedValues: v, mask: memoryMask)
            }
            let (k, v) = crossAttention.projectKeysValues(keys: memory, values: memory)
            if crossCache != nil { crossCache = KeyValueCache(keys: k, values: v) }
            return crossAttention.attend(query: h, projectedKeys: k, projectedValues: v, mask: memoryMask)
        }
        let sa: AttentionOutput
        let ca: AttentionOutput
        let y: Tensor
        switch placement {
        case .preNorm:
            sa = selfAttend(norm1(x))
            let a = x + dropouts[0](sa.context)
            ca = crossAttend(norm2(a))
            let b = a + dropouts[1](ca.context)
            y = b + dropouts[2](feedForward(norm3(b)))
        case .postNorm:
            sa = selfAttend(x)
            let a = norm1(x + dropouts[0](sa.context))
            ca = crossAttend(a)
            let b = norm2(a + dropouts[1](ca.context))
            y = norm3(b + dropouts[2](feedForward(b)))
        }
        return DecoderLayerOutput(
            output: y, selfAttention: sa.headWeights ?? sa.weights,
            crossAttention: ca.headWeights ?? ca.weights)
    }
}

extension KeyValueCache {
    /// A cache holding `keys` and `values` (`[batch, heads, steps, d_h]`).
    public init(keys: Tensor, values: Tensor) {
        self.init()
        self.keys = keys
        self.values = values
    }
}
