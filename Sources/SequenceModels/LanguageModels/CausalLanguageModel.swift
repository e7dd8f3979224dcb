import Tensors

/// A decoder-only (GPT-style) language model: pre-norm self-attention blocks under a causal
/// mask, logits = W_o · Blocks(E[x]·√d + PE) + b_o.
///
/// tokens `[batch][time]` → logits `[batch, time, vocabulary]`, position t predicting token t + 1.
/// Parameters: `embed.*`, `pos.*`, `blocks.*`, `lm_head.*`.
public struct CausalLanguageModel: Module, TrainingModeSwitchable {
    /// Token table `[vocabulary, dModel]`.
    public let embedding: Embedding
    /// Positions (learned by default, like GPT).
    public let positions: PositionalEncoding
    /// The causal blocks (encoder layers used with a causal mask) and the final norm.
    public let blocks: TransformerEncoder
    /// dModel → vocabulary.
    public let head: Linear
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
        blocks = TransformerEncoder(
            count: layers, dModel: dModel, heads: heads, feedForward: feedForward,
            dropout: dropout, activation: .gelu, placement: .preNorm, rng: &rng)
        head = Linear(dModel, vocabulary, rng: &rng)
        embeddingDropout = Dropout(rate: dropout, seed: rng.next())
    }

    /// See the type's documentation for the prefixes.
    public var namedParameters: [NamedParameter] {
        embedding.namedParameters(prefix: "embed") + positions.namedParameters(prefix: "pos")
            + blocks.namedParameters(prefix: "blocks") + head.namedParameters(prefix: "lm_head")
    }

    /// Training (dropout on) or evaluation.
    public func setTraining(_ training: Bool) {
        embeddingDropout.setTraining(training)
        blocks.setTraining(training)
    }

    /// Logits `[batch, time, vocabulary]` and each block's causal attention `[batch, heads, time, time]`.
    public func forward(_ tokens: [[Int]]) -> (logits: Tensor, attention: [Tensor]) {
        let time = tokens.first?.count ?? 0
        let x = positions(embedding(tokens) * Float(embedding.dim).squareRoot())
        let (h, attention) = blocks(embeddingDropout(x), mask: AttentionMask.causal(queryCount: time, keyCount: time))
        return (head(h), attention)
    }

    /// Logits `[batch, time, vocabulary]`.
    public func callAsFunction(_ tokens: [[Int]]) -> Tensor { forward(tokens).logits }

    /// Extends `prompt` (non-empty) by `count` tokens: greedy (argmax) when `temperature` is 0,
    /// else sampled from softmax(logits / temperature) with `rng`. Stops early after `stop`.
    /// The context is cut to the last `positions.maxLength` tokens. Returns prompt + new tokens.
    public func generate(
        prompt: [Int], count: Int, temperature: Float = 0, stop: Int? = nil,
        rng: inout RandomGenerator
    ) -> [Int] {
        requireArgument(!prompt.isEmpty, "CausalLanguageModel.generate: the prompt must not be empty")
        var tokens = prompt
        withoutGradient {
            for _ in 0..<count {
                let context = Array(tokens.suffix(positions.maxLength))
                let logits = self([context]).select(axis: 1, index: context.count - 1).reshaped(to: [-1])
                let next: Int
                if temperature <= 0 {
                    next = logits.argmaxIndices(axis: 0)[0]
                } else {
                    let p = (logits / temperature).softmax(axis: 0).scalars
                    var u = rng.nextUniform()
                    var choice = p.count - 1
                    for (i, pi) in p.enumerated() {
                        if u < pi {
                            choice = i
                            break
                        }
                        u -= pi
                    }
                    next = choice
                }
                tokens.append(next)
                if next == stop { break }
            }
        }
        return tokens
    }
}
