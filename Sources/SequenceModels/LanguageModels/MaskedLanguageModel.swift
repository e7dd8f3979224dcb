import Tensors

/// An encoder-only (BERT-style) masked language model:
/// h = Encoder(E[x]·√d + PE), logits = W_o · LN(gelu(W_t h + b_t)) + b_o.
///
/// tokens `[batch][time]` (with `lengths` for padding) → hidden states `[batch, time, dModel]` and
/// logits `[batch, time, vocabulary]`. Parameters: `embed.*`, `pos.*`, `encoder.*`,
/// `transform.*`, `transform_norm.*`, `lm_head.*`.
public struct MaskedLanguageModel: Module, TrainingModeSwitchable {
    /// Token table `[vocabulary, dModel]`.
    public let embedding: Embedding
    /// Positions (learned by default, like BERT).
    public let positions: PositionalEncoding
    /// The bidirectional encoder.
    public let encoder: TransformerEncoder
    /// The prediction head's transform, norm and output layer.
    public let transform: Linear, transformNorm: LayerNorm, head: Linear
    /// Dropout on the embedded input.
    public let embeddingDropout: Dropout

    /// A model with fresh parameters.
    public init(
        vocabulary: Int, dModel: Int = 64, heads: Int = 4, feedForward: Int = 128, layers: Int = 2,
        dropout: Float = 0.1, maxLength: Int = 128, positions: PositionalEncodingKind = .learned,
        rng: inout RandomGenerator
    ) {
        embedding = Embedding(
            vocabularySize: vocabulary, dim: dModel, standardDeviation: 1 / Float(dModel).squareRoot(), rng: &rng)
        self.positions = PositionalEncoding(positions, maxLength: maxLength, dim: dModel, rng: &rng)
        encoder = TransformerEncoder(
            count: layers, dModel: dModel, heads: heads, feedForward: feedForward,
            dropout: dropout, activation: .gelu, rng: &rng)
        transform = Linear(dModel, dModel, rng: &rng)
        transformNorm = LayerNorm(dModel)
        head = Linear(dModel, vocabulary, rng: &rng)
        embeddingDropout = Dropout(rate: dropout, seed: rng.next())
    }

    /// See the type's documentation for the prefixes.
    public var namedParameters: [NamedParameter] {
        embedding.namedParameters(prefix: "embed") + positions.namedParameters(prefix: "pos")
            + encoder.namedParameters(prefix: "encoder") + transform.namedParameters(prefix: "transform")
            + transformNorm.namedParameters(prefix: "transform_norm") + head.namedParameters(prefix: "lm_head")
    }

    /// Training (dropout on) or evaluation.
    public func setTraining(_ training: Bool) {
        embeddingDropout.setTraining(training)
        encoder.setTraining(training)
    }

    /// The encoder's outputs `[batch, time, dModel]` and attention weights (per layer
    /// `[batch, heads, time, time]`); padding keys (≥ `lengths[b]`) are masked.
    public func encode(_ tokens: [[Int]], lengths: [Int]? = nil) -> (hidden: Tensor, attention: [Tensor]) {
        let time = tokens.first?.count ?? 0
        let x = positions(embedding(tokens) * Float(embedding.dim).squareRoot())
        let mask = lengths.map { AttentionMask.padding(keyLengths: $0, keyCount: time) }
        let (h, attention) = encoder(embeddingDropout(x), mask: mask)
        return (h, attention)
    }

    /// Logits `[batch, time, vocabulary]` for every position.
    public func callAsFunction(_ tokens: [[Int]], lengths: [Int]? = nil) -> Tensor {
        let h = encode(tokens, lengths: lengths).hidden
        return head(transformNorm(transform(h).gelu()))
    }
}
