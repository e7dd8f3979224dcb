import Tensors

/// The sizes and variant of an encoder-decoder.
public struct Seq2SeqConfiguration: Sendable {
    /// Source vocabulary size (encoder embedding rows).
    public var sourceVocabularySize: Int
    /// Target vocabulary size (decoder embedding rows and output classes).
    public var targetVocabularySize: Int
    /// Embedding size E.
    public var embeddingSize: Int
    /// Hidden size H of encoder and decoder.
    public var hiddenSize: Int
    /// GRU or LSTM.
    public var cell: RecurrentCellKind
    /// The attention variant; nil builds the plain seq2seq with a fixed context vector.
    public var attention: AttentionKind?
    /// The inner size of concat/additive scoring and of multi-head projections.
    public var attentionHidden: Int

    /// A configuration; `attentionHidden` defaults to `hiddenSize`.
    public init(
        sourceVocabularySize: Int, targetVocabularySize: Int, embeddingSize: Int = 32,
        hiddenSize: Int = 64, cell: RecurrentCellKind = .gru, attention: AttentionKind? = .additive,
        attentionHidden: Int? = nil
    ) {
        self.sourceVocabularySize = sourceVocabularySize
        self.targetVocabularySize = targetVocabularySize
        self.embeddingSize = embeddingSize
        self.hiddenSize = hiddenSize
        self.cell = cell
        self.attention = attention
        self.attentionHidden = attentionHidden ?? hiddenSize
    }

    /// A configuration sized for `dataset`'s vocabularies.
    public init(
        for dataset: SequenceDataset, embeddingSize: Int = 32, hiddenSize: Int = 64,
        cell: RecurrentCellKind = .gru, attention: AttentionKind? = .additive, attentionHidden: Int? = nil
    ) {
        self.init(
            sourceVocabularySize: dataset.sourceVocabulary.count,
            targetVocabularySize: dataset.targetVocabulary.count, embeddingSize: embeddingSize,
            hiddenSize: hiddenSize, cell: cell, attention: attention, attentionHidden: attentionHidden)
    }

    /// `"GRU + additive attention"`, `"LSTM, no attention"`.
    public var label: String {
        let c = cell.rawValue.uppercased()
        return attention.map { "\(c) + \($0) attention" } ?? "\(c), no attention"
    }
}

/// A model trainable by `train(_:on:configuration:progress:)`: a teacher-forced loss and greedy
/// decoding over `SequenceBatch`es.
public protocol SequenceToSequenceModel: Module {
    /// Mean cross-entropy per target token under teacher forcing (padding ignored), a scalar.
    func loss(_ batch: SequenceBatch) -> Tensor
    /// Greedy outputs, one row per example, each ending at its `<eos>` (or after `maxLength` ids).
    func greedyDecode(_ batch: SequenceBatch, maxLength: Int) -> [[Int]]
}

/// An RNN encoder-decoder, with or without attention (Sutskever et al. 2014; Bahdanau et al.
/// 2015; Luong et al. 2015). See `Seq2SeqEncoder`, `Seq2SeqDecoder` and `DecoderStep`.
///
/// ```swift
/// var model = Seq2Seq(Seq2SeqConfiguration(for: data, attention: .general), seed: 1)
/// let memory = model.encode(batch)
/// let step = model.decoder.step([Vocabulary.bos], state: model.decoder.initialState(memory), memory: memory)
/// ```
public struct Seq2Seq: SequenceToSequenceModel {
    /// The sizes and variant.
    public let configuration: Seq2SeqConfiguration
    /// The encoder.
    public let encoder: Seq2SeqEncoder
    /// The decoder.
    public let decoder: Seq2SeqDecoder

    /// A model with fresh parameters drawn from `seed`.
    public init(_ configuration: Seq2SeqConfiguration, seed: UInt64) {
        self.configuration = configuration
        var rng = RandomGenerator(seed: seed)
        encoder = Seq2SeqEncoder(
            vocabularySize: configuration.sourceVocabularySize, embeddingSize: configuration.embeddingSize,
            hiddenSize: configuration.hiddenSize, cell: configuration.cell, rng: &rng)
        decoder = Seq2SeqDecoder(
            vocabularySize: configuration.targetVocabularySize, embeddingSize: configuration.embeddingSize,
            hiddenSize: configuration.hiddenSize, cell: configuration.cell, attention: configuration.attention,
            attentionHidden: configuration.attentionHidden, rng: &rng)
    }

    /// `encoder.*` and `decoder.*`.
    public var namedParameters: [NamedParameter] {
        encoder.namedParameters(prefix: "encoder") + decoder.namedParameters(prefix: "decoder")
    }

    /// Encodes a batch's sources.
    public func encode(_ batch: SequenceBatch) -> EncoderMemory {
        encoder(batch.sourceIDs, batchSize: batch.batchSize, lengths: batch.sourceLengths)
    }

    /// Teacher forcing: decodes with the true previous words and returns the logits
    /// `[batch, targetLength, V]` for every position.
    public func teacherForcedLogits(_ batch: SequenceBatch) -> Tensor {
        let memory = encode(batch)
        var state = decoder.initialState(memory)
        var logits: [Tensor] = []
        for t in 0..<batch.targetLength {
            let previous = (0..<batch.batchSize).map { batch.decoderInputIDs[$0 * batch.targetLength + t] }
            let step = decoder.step(previous, state: state, memory: memory)
            logits.append(step.logits)
            state = step.state
        }
        return Tensor.stack(logits, axis: 1)
    }

    /// Mean cross-entropy over the non-padding target tokens (`<eos>` included).
    public func loss(_ batch: SequenceBatch) -> Tensor {
        crossEntropy(logits: teacherForcedLogits(batch), labels: batch.targetIDs, ignoreIndex: Vocabulary.pad)
    }

    /// Greedy decoding of every row at once: each step feeds back the argmax word; a row stops
    /// growing after its `<eos>`; decoding ends when every row has one or after `maxLength` ids.
    public func greedyDecode(_ batch: SequenceBatch, maxLength: Int) -> [[Int]] {
        greedyDecode(memory: encode(batch), maxLength: maxLength).tokens
    }

    /// Greedy decoding from an encoded batch; also returns the attention weights of every
    /// step, `weights[row][step]` over the source positions (empty without attention).
    /// `reweight` replaces every step's attention weights (see `Seq2SeqDecoder.step`).
    public func greedyDecode(memory: EncoderMemory, maxLength: Int, reweight: ((Tensor) -> Tensor)? = nil)
        -> (tokens: [[Int]], weights: [[[Double]]])
    {
        withoutGradient {
            let batch = memory.batchSize
            let sourceLength = memory.outputs.shape[1]
            var state = decoder.initialState(memory)
            var previous = [Int](repeating: Vocabulary.bos, count: batch)
            var rows = [[Int]](repeating: [], count: batch)
            var weights = [[[Double]]](repeating: [], count: batch)
            var done = [Bool](repeating: false, count: batch)
            for _ in 0..<maxLength where done.contains(false) {
                let step = decoder.step(previous, state: state, memory: memory, reweight: reweight)
                let words = step.words
                let w = step.weights?.scalars
                for b in 0..<batch where !done[b] {
                    rows[b].append(words[b])
                    if let w {
                        weights[b].append(
                            w[(b * sourceLength)..<(b * sourceLength + memory.lengths[b])].map(Double.init))
                    }
                    if words[b] == Vocabulary.eos { done[b] = true }
                }
                previous = words
                state = step.state
            }
            return (rows, weights)
        }
    }
}
