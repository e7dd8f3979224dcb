import Tensors

/// Seeded generators for the sequence-to-sequence tasks of the lessons. Every generator is
/// offline and deterministic: the same arguments give the same dataset on every machine.
public enum SequenceTasks {
    /// The symbols `a`, `b`, … used by the algorithmic tasks (at most 26).
    public static func symbols(_ count: Int) -> [String] {
        let n = Swift.max(1, Swift.min(count, 26))
        return (0..<n).map { String(UnicodeScalar(UInt8(97 + $0))) }
    }

    /// Copy: the target is the source (`a c b` → `a c b`). A sanity check: even the plain
    /// seq2seq learns it for short lengths.
    public static func copy(
        count: Int, lengths: ClosedRange<Int>, symbols: Int = 10, validationFraction: Double = 0.1,
        seed: UInt64
    ) -> SequenceDataset {
        algorithmic(
            name: "copy", count: count, lengths: lengths, symbols: symbols,
            validationFraction: validationFraction, seed: seed
        ) { $0 }
    }

    /// Reverse: the target is the source backwards (`a c b` → `b c a`). The first output
    /// depends on the last input and vice versa: the alignment is the anti-diagonal.
    public static func reverse(
        count: Int, lengths: ClosedRange<Int>, symbols: Int = 10, validationFraction: Double = 0.1,
        seed: UInt64
    ) -> SequenceDataset {
        algorithmic(
            name: "reverse", count: count, lengths: lengths, symbols: symbols,
            validationFraction: validationFraction, seed: seed
        ) { Array($0.reversed()) }
    }

    /// Sort: the target is the source in alphabetical order (`c a b` → `a b c`).
    public static func sort(
        count: Int, lengths: ClosedRange<Int>, symbols: Int = 10, validationFraction: Double = 0.1,
        seed: UInt64
    ) -> SequenceDataset {
        algorithmic(
            name: "sort", count: count, lengths: lengths, symbols: symbols,
            validationFraction: validationFraction, seed: seed
        ) { $0.sorted() }
    }

    /// Draws `count` distinct random strings over `symbols(symbols)` with lengths uniform in
    /// `lengths` (fewer when the space is smaller), maps them with `transform`, and splits.
    static func algorithmic(
        name: String, count: Int, lengths: ClosedRange<Int>, symbols: Int, validationFraction: Double,
        seed: UInt64, transform: ([String]) -> [String]
    ) -> SequenceDataset {
        requireArgument(lengths.lowerBound >= 1, "\(name): lengths must start at 1 or more")
        let alphabet = SequenceTasks.symbols(symbols)
        var rng = RandomGenerator(seed: seed)
        var seen = Set<[String]>()
        var examples: [SequenceExample] = []
        var attempts = 0
        while examples.count < count && attempts < count * 20 {
            attempts += 1
            let n = rng.int(in: lengths)
            let source = (0..<n).map { _ in rng.pick(alphabet) }
            if seen.insert(source).inserted {
                examples.append(SequenceExample(source: source, target: transform(source)))
            }
        }
        let label = lengths.count == 1 ? "\(lengths.lowerBound)" : "\(lengths.lowerBound)-\(lengths.upperBound)"
        return SequenceDataset(
            name: "\(name)-\(label)", examples: examples, validationFraction: validationFraction,
            seed: seed &+ 1, sourceTokens: alphabet, targetTokens: alphabet)
    }
}
