import Tensors

/// A token sequence with a class label.
public struct ClassificationExample: Sendable, Equatable {
    /// The input tokens.
    public var tokens: [String]
    /// The class index into `ClassificationDataset.classes`.
    public var label: Int

    /// An example from its parts.
    public init(tokens: [String], label: Int) {
        self.tokens = tokens
        self.label = label
    }
}

/// A sequence-classification task: train/validation splits, the input vocabulary and the class
/// names.
public struct ClassificationDataset: Sendable {
    /// A short name for tables and captions.
    public var name: String
    /// The class names; labels index into them.
    public var classes: [String]
    /// The training split.
    public var train: [ClassificationExample]
    /// The held-out split.
    public var validation: [ClassificationExample]
    /// The input vocabulary (built from every example, so held-out inputs have no unknown words).
    public var vocabulary: Vocabulary

    /// Shuffles `examples` with `seed` and keeps the last `validationFraction` for validation.
    public init(
        name: String, classes: [String], examples: [ClassificationExample],
        validationFraction: Double = 0.15, seed: UInt64
    ) {
        var rng = RandomGenerator(seed: seed)
        let shuffled = examples.shuffled(using: &rng)
        let held = Int((Double(shuffled.count) * Swift.min(Swift.max(validationFraction, 0), 1)).rounded())
        self.name = name
        self.classes = classes
        train = Array(shuffled[..<(shuffled.count - held)])
        validation = Array(shuffled[(shuffled.count - held)...])
        vocabulary = Vocabulary(sentences: examples.map(\.tokens))
    }

    /// The share of `examples` whose label is the most frequent one in the training split:
    /// the accuracy of always answering the majority class.
    public func majorityAccuracy(on examples: [ClassificationExample]) -> Double {
        var counts = [Int](repeating: 0, count: classes.count)
        for example in train { counts[example.label] += 1 }
        let majority = counts.indices.max { counts[$0] < counts[$1] } ?? 0
        return examples.isEmpty ? 0 : Double(examples.filter { $0.label == majority }.count) / Double(examples.count)
    }

    /// `examples` in padded batches of at most `size`, shuffled with `shuffleSeed` when given.
    public func batches(_ examples: [ClassificationExample], size: Int, shuffleSeed: UInt64? = nil)
        -> [ClassificationBatch]
    {
        requireArgument(size > 0, "ClassificationDataset.batches: size must be positive, got \(size)")
        var order = Array(examples.indices)
        if let shuffleSeed {
            var rng = RandomGenerator(seed: shuffleSeed)
            order.shuffle(using: &rng)
        }
        return stride(from: 0, to: order.count, by: size).map { start in
            ClassificationBatch(
                order[start..<Swift.min(start + size, order.count)].map { examples[$0] },
                vocabulary: vocabulary)
        }
    }
}

/// A padded mini-batch of classification examples.
public struct ClassificationBatch: Sendable {
    /// Number of rows.
    public var batchSize: Int
    /// Token ids `[batchSize, length]`, row-major, padded with `Vocabulary.pad`.
    public var ids: [Int]
    /// The true length of each row.
    public var lengths: [Int]
    /// One class index per row.
    public var labels: [Int]

    /// Encodes and pads `examples` in the given order.
    public init(_ examples: [ClassificationExample], vocabulary: Vocabulary) {
        let rows = examples.map { vocabulary.encode($0.tokens) }
        batchSize = rows.count
        lengths = rows.map(\.count)
        ids = SequenceBatch.pad(rows, to: Swift.max(1, lengths.max() ?? 1))
        labels = examples.map(\.label)
    }
}
