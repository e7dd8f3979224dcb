import Tensors

/// One source → target pair of token sequences (e.g. `["3", "March", "2021"]` →
/// `["2", "0", "2", "1", "-", "0", "3", "-", "0", "3"]`).
public struct SequenceExample: Sendable, Equatable {
    /// The input tokens (what the encoder reads).
    public var source: [String]
    /// The output tokens (what the decoder must produce, without `<bos>`/`<eos>`).
    public var target: [String]

    /// Pairs a source with its target.
    public init(source: [String], target: [String]) {
        self.source = source
        self.target = target
    }
}

/// A sequence-to-sequence task's data: training and validation examples and the two
/// vocabularies, all fixed by the generator's seed.
public struct SequenceDataset: Sendable {
    /// A short name for tables and chart titles (e.g. `"reverse-8"`).
    public var name: String
    /// The examples used for gradient steps.
    public var train: [SequenceExample]
    /// Held-out examples for evaluation (disjoint from `train` as generated).
    public var validation: [SequenceExample]
    /// The encoder's vocabulary.
    public var sourceVocabulary: Vocabulary
    /// The decoder's vocabulary.
    public var targetVocabulary: Vocabulary

    /// A dataset from explicit splits and vocabularies.
    public init(
        name: String, train: [SequenceExample], validation: [SequenceExample],
        sourceVocabulary: Vocabulary, targetVocabulary: Vocabulary
    ) {
        self.name = name
        self.train = train
        self.validation = validation
        self.sourceVocabulary = sourceVocabulary
        self.targetVocabulary = targetVocabulary
    }

    /// Shuffles `examples` with `seed`, keeps the last `validationFraction` of them for
    /// validation, and builds vocabularies: from `sourceTokens`/`targetTokens` when given (a
    /// fixed alphabet, same ids whatever was sampled), otherwise from every example.
    public init(
        name: String, examples: [SequenceExample], validationFraction: Double = 0.1, seed: UInt64,
        sourceTokens: [String]? = nil, targetTokens: [String]? = nil
    ) {
        var rng = RandomGenerator(seed: seed)
        let shuffled = examples.shuffled(using: &rng)
        let fraction = Swift.min(Swift.max(validationFraction, 0), 1)
        let nValid = Int((Double(shuffled.count) * fraction).rounded())
        let cut = shuffled.count - nValid
        self.init(
            name: name, train: Array(shuffled[..<cut]), validation: Array(shuffled[cut...]),
            sourceVocabulary: sourceTokens.map { Vocabulary(tokens: $0) }
                ?? Vocabulary(sentences: examples.map(\.source)),
            targetVocabulary: targetTokens.map { Vocabulary(tokens: $0) }
                ?? Vocabulary(sentences: examples.map(\.target)))
    }

    /// Training batches (see `SequenceBatch.batches`), reshuffled by `seed` when given.
    public func trainingBatches(size: Int, shuffleSeed: UInt64? = nil) -> [SequenceBatch] {
        SequenceBatch.batches(
            train, sourceVocabulary: sourceVocabulary, targetVocabulary: targetVocabulary,
            size: size, shuffleSeed: shuffleSeed)
    }

    /// Validation batches in a fixed order.
    public func validationBatches(size: Int) -> [SequenceBatch] {
        SequenceBatch.batches(
            validation, sourceVocabulary: sourceVocabulary, targetVocabulary: targetVocabulary,
            size: size, shuffleSeed: nil)
    }
}

/// Deterministic sampling helpers shared by the task generators.
extension RandomGenerator {
    /// A uniformly chosen element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }

    /// A uniform integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
}
