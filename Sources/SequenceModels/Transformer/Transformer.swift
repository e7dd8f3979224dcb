import Tensors

/// The sizes and options of an encoder-decoder `Transformer`.
public struct TransformerConfiguration: Sendable {
    /// Source and target vocabulary sizes.
    public var sourceVocabulary: Int, targetVocabulary: Int
    /// Model width, heads, FFN width.
    public var dModel: Int, heads: Int, feedForward: Int
    /// Number of encoder and decoder layers.
    public var encoderLayers: Int, decoderLayers: Int
    /// Dropout rate everywhere (embeddings, sublayers, attention weights).
    public var dropout: Float
    /// Longest source/target sequence the positional encoding covers.
    public var maxLength: Int
    /// Pre- or post-norm layers.
    public var placement: NormPlacement
    /// Sinusoidal or learned positions.
    public var positions: PositionalEncodingKind
    /// The FFN nonlinearity.
    public var activation: Activation

    /// A configuration; the defaults are the lesson size (d 64, 4 heads, FFN 128, 2 + 2 layers).
    public init(
        sourceVocabulary: Int, targetVocabulary: Int, dModel: Int = 64, heads: Int = 4, feedForward: Int = 128,
        encoderLayers: Int = 2, decoderLayers: Int = 2, dropout: Float = 0.1, maxLength: Int = 128,
        placement: NormPlacement = .preNorm, positions: PositionalEncodingKind = .sinusoidal,
        activation: Activation = .relu
    ) {
        self.sourceVocabulary = sourceVocabulary
        self.targetVocabulary = targetVocabulary
        self.dModel = dModel
        self.heads = heads
        self.feedForward = feedForward
        self.encoderLayers = encoderLayers
        self.decoderLayers = decoderLayers
        self.dropout = dropout
        self.maxLength = maxLength
        self.placement = placement
        self.positions = positions
        self.activation = activation
    }
}

/// What a full forward pass returns.
public struct TransformerOutput {
    /// Next-token logits `[batch, targetTime, targetVocabulary]` (feed to `crossEntropy`, with
    /// `labelSmoothing:` if wanted).
    public var logits: Tensor
    /// Per encoder layer: self-attention weights `[batch, heads, sourceTime, sourceTime]`.
    public var encoderAttention: [Tensor]
    /// Per decoder layer: self-attention weights `[batch, heads, targetTime, targetTime]`.
    public var decoderSelfAttention: [Tensor]
    /// Per decoder layer: cross-attention weights `[batch, heads, targetTime, sourceTime]`.
    public var crossAttention: [Tensor]
}

/// The encoder-decoder Transformer of Vaswani et al. (2017):
///
/// memory = Encoder(E_src[src]·√d + PE), logits = W_g · Decoder(E_tgt[tgt]·√d + PE, memory) + b_g.
///
/// Tokens are `[[Int]]` rows of equal length (padded); `sourceLengths` gives each row's real
/// length (padding keys get 0 weight). Parameters: `src_embed.*`, `tgt_embed.*`, `src_pos.*`,
/// `tgt_pos.*` (learned positions only), `encoder.*`, `decoder.*`, `generator.*`.
public struct Transformer: Module, TrainingModeSwitchable {
    /// The configuration it was built with.
    public let configuration: TransformerConfiguration
    /// Token tables `[vocabulary, dModel]`.
    public let sourceEmbedding: Embedding, targetEmbedding: Embedding
    /// Position tables.
    public let sourcePositions: PositionalEncoding, targetPositions: PositionalEncoding
    /// The stacks.
    public let encoder: TransformerEncoder
    /// The decoder stack.
    public let decoder: TransformerDecoder
    /// dModel → targetVocabulary logits.
    public let generator: Linear
    /// Dropout on the embedded inputs.
    public let embeddingDropout: Dropout

    /// A model with fresh parameters (embeddings N(0, 1/dModel), so embedding·√d has unit scale).
    public init(_ c: TransformerConfiguration, rng: inout RandomGenerator) {
        configuration = c
        let std = 1 / Float(c.dModel).squareRoot()
        sourceEmbedding = Embedding(
            vocabularySize: c.sourceVocabulary, dim: c.dModel, standardDeviation: std, rng: &rng)
        targetEmbedding = Embedding(
            vocabularySize: c.targetVocabulary, dim: c.dModel, standardDeviation: std, rng: &rng)
        sourcePositions = PositionalEncoding(c.positions, maxLength: c.maxLength, dim: c.dModel, rng: &rng)
        targetPositions = PositionalEncoding(c.positions, maxLength: c.maxLength, dim: c.dModel, rng: &rng)
        encoder = TransformerEncoder(
            count: c.encoderLayers, dModel: c.dModel, heads: c.heads, feedForward: c.feedForward,
            dropout: c.dropout, activation: c.activation, placement: c.placement, rng: &rng)
        decoder = TransformerDecoder(
            count: c.decoderLayers, dModel: c.dModel, heads: c.heads, feedForward: c.feedForward,
            dropout: c.dropout, activation: c.activation, placement: c.placement, rng: &rng)
        generator = Linear(c.dModel, c.targetVocabulary, rng: &rng)
        embeddingDropout = Dropout(rate: c.dropout, seed: rng.next())
    }

    /// Every parameter with the prefixes listed in the type's documentation.
    public var namedParameters: [NamedParameter] {
        sourceEmbedding.namedParameters(prefix: "src_embed") + targetEmbedding.namedParameters(prefix: "tgt_embed")
            + sourcePositions.namedParameters(prefix: "src_pos") + targetPositions.namedParameters(prefix: "tgt_pos")
            + encoder.namedParameters(prefix: "encoder") + decoder.namedParameters(prefix: "decoder")
            + generator.namedParameters(prefix: "generator")
    }

    /// Training (dropout on) or evaluation (off).
    public func setTraining(_ training: Bool) {
        embeddingDropout.setTraining(training)
        encoder.setTraining(training)
        decoder.setTraining(training)
    }

    /// The padding mask `[batch, 1, sourceTime]` for `sourceLengths` (nil when not given).
    public func sourceMask(_ sourceLengths: [Int]?, sourceTime: Int) -> Tensor? {
        sourceLengths.map { AttentionMask.padding(keyLengths: $0, keyCount: sourceTime) }
    }

    /// Encodes `source` `[batch][sourceTime]` → memory `[batch, sourceTime, dModel]` and the
    /// encoder's attention weights.
    public func encode(_ source: [[Int]], sourceLengths: [Int]? = nil) -> (memory: Tensor, attention: [Tensor]) {
        let x = sourcePositions(sourceEmbedding(source) * Float(configuration.dModel).squareRoot())
        let mask = sourceMask(sourceLengths, sourceTime: source.first?.count ?? 0)
        let (h, attention) = encoder(embeddingDropout(x), mask: mask)
        return (h, attention)
    }

    /// Embeds target tokens `[batch][time]` starting at absolute position `offset`.
    func embedTarget(_ target: [[Int]], offset: Int) -> Tensor {
        embeddingDropout(
            targetPositions(targetEmbedding(target) * Float(configuration.dModel).squareRoot(), offset: offset))
    }

    /// Decodes the whole (teacher-forced) target `[batch][targetTime]` against `memory`:
    /// logits `[batch, targetTime, targetVocabulary]` and the decoder's attention weights.
    public func decode(_ target: [[Int]], memory: Tensor, sourceLengths: [Int]? = nil) -> (
        logits: Tensor, decoder: DecoderOutput
    ) {
        let mask = sourceMask(sourceLengths, sourceTime: memory.shape[1])
        let out = decoder(embedTarget(target, offset: 0), memory: memory, memoryMask: mask)
        return (generator(out.output), out)
    }

    /// The full forward pass: `source` `[batch][sourceTime]`, `target` (decoder input, usually
    /// BOS + the target shifted right) `[batch][targetTime]` → logits and every attention map.
    public func callAsFunction(source: [[Int]], sourceLengths: [Int]? = nil, target: [[Int]]) -> TransformerOutput {
        let (memory, encoderAttention) = encode(source, sourceLengths: sourceLengths)
        let (logits, d) = decode(target, memory: memory, sourceLengths: sourceLengths)
        return TransformerOutput(
            logits: logits, encoderAttention: encoderAttention,
            decoderSelfAttention: d.selfAttention, crossAttention: d.crossAttention)
    }
}
