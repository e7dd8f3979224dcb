import Tensors

/// A padded mini-batch of source/target pairs, ready for an encoder-decoder.
///
/// All id arrays are row-major `[batchSize, length]` and padded with `Vocabulary.pad` (0):
///
/// ```
/// source          a b c <pad>         sourceLengths 3
/// decoderInputs   <bos> c b a         (teacher forcing: the target shifted right)
/// targets         c b a <eos>         targetLengths 4 (with <eos>)
/// ```
public struct SequenceBatch: Sendable {
    /// The examples in batch order (references for BLEU, labels for heatmaps).
    public var examples: [SequenceExample]
    /// Number of sequences.
    public var batchSize: Int
    /// The longest source length in the batch (columns of `sourceIDs`).
    public var sourceLength: Int
    /// The longest target length + 1 (columns of `decoderInputIDs` and `targetIDs`).
    public var targetLength: Int
    /// Source ids `[batchSize, sourceLength]`.
    public var sourceIDs: [Int]
    /// The true length of each source.
    public var sourceLengths: [Int]
    /// Decoder inputs `[batchSize, targetLength]`: `<bos> y₁ … yₙ <pad>…`.
    public var decoderInputIDs: [Int]
    /// Decoder targets `[batchSize, targetLength]`: `y₁ … yₙ <eos> <pad>…`.
    public var targetIDs: [Int]
    /// The true length of each target row, `<eos>` included (n + 1).
    public var targetLengths: [Int]

    /// Encodes and pads `examples` (one batch, in the given order).
    public init(_ examples: [SequenceExample], sourceVocabulary: Vocabulary, targetVocabulary: Vocabulary) {
        self.examples = examples
        batchSize = examples.count
        let sources = examples.map { sourceVocabulary.encode($0.source) }
        let targets = examples.map { targetVocabulary.encode($0.target) }
        sourceLength = Swift.max(1, sources.map(\.count).max() ?? 1)
        targetLength = (targets.map(\.count).max() ?? 0) + 1
        sourceLengths = sources.map(\.count)
        targetLengths = targets.map { $0.count + 1 }
        sourceIDs = SequenceBatch.pad(sources, to: sourceLength)
        decoderInputIDs = SequenceBatch.pad(targets.map { [Vocabulary.bos] + $0 }, to: targetLength)
        targetIDs = SequenceBatch.pad(targets.map { $0 + [Vocabulary.eos] }, to: targetLength)
    }

    /// Rows of `ids` padded with `<pad>` to `length` and flattened row-major.
    public static func pad(_ rows: [[Int]], to length: Int) -> [Int] {
        var out = [Int](repeating: Vocabulary.pad, count: rows.count * length)
        for (r, row) in rows.enumerated() {
            for (c, id) in row.prefix(length).enumerated() { out[r * length + c] = id }
        }
        return out
    }

    /// Padding mask of the source, `[batchSize, sourceLength]`: 1 at padding, 0 at tokens
    /// (the convention of `Tensor.maskedFill(where:with:)` before a softmax).
    public var sourcePaddingMask: Tensor {
        var m = [Float](repeating: 0, count: batchSize * sourceLength)
        for b in 0..<batchSize {
            for t in sourceLengths[b]..<sourceLength { m[b * sourceLength + t] = 1 }
        }
        return Tensor(shape: [batchSize, sourceLength], scalars: m)
    }

    /// Validity mask of the source, `[batchSize, sourceLength]`: 1 at tokens, 0 at padding.
    public var sourceValidMask: Tensor { 1 - sourcePaddingMask }

    /// The target rows without padding (each ends with `<eos>`).
    public var targetRows: [[Int]] {
        (0..<batchSize).map { b in Array(targetIDs[(b * targetLength)..<(b * targetLength + targetLengths[b])]) }
    }

    /// Splits `examples` into batches of at most `size`, shuffled with `shuffleSeed` when given
    /// (deterministic), otherwise in order. The last batch may be smaller.
    public static func batches(
        _ examples: [SequenceExample], sourceVocabulary: Vocabulary, targetVocabulary: Vocabulary,
        size: Int, shuffleSeed: UInt64? = nil
    ) -> [SequenceBatch] {
        requireArgument(size > 0, "batches: size must be positive, got \(size)")
        var order = Array(examples.indices)
        if let seed = shuffleSeed {
            var rng = RandomGenerator(seed: seed)
            order.shuffle(using: &rng)
        }
        return stride(from: 0, to: order.count, by: size).map { start in
            let slice = order[start..<Swift.min(start + size, order.count)].map { examples[$0] }
            return SequenceBatch(slice, sourceVocabulary: sourceVocabulary, targetVocabulary: targetVocabulary)
        }
    }
}
