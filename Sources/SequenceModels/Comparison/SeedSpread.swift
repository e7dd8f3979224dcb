/// The mean and sample standard deviation of one measurement repeated over several seeds.
///
/// `sd` is the sample standard deviation (n − 1 in the denominator); it is 0 for a single seed,
/// which says nothing about noise: check `count` before calling a difference significant.
public struct SeedSpread: Sendable, Equatable, CustomStringConvertible {
    /// The values, one per seed, in seed order.
    public var values: [Double]

    /// Wraps per-seed values.
    public init(_ values: [Double]) { self.values = values }

    /// How many seeds.
    public var count: Int { values.count }
    /// The arithmetic mean (NaN when empty).
    public var mean: Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }
    /// The sample standard deviation √(Σ(x − mean)² / (n − 1)); 0 for fewer than two values.
    public var sd: Double {
        guard values.count > 1 else { return 0 }
        let m = mean
        return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
    }

    /// Whether the two means differ by less than the sum of the two standard deviations: the
    /// rule of thumb the lessons use for "within seed noise" (a rough, conservative rule, not a
    /// significance test). Always false with fewer than two seeds on either side: one run cannot
    /// show its own noise.
    public func overlaps(_ other: SeedSpread) -> Bool {
        count > 1 && other.count > 1 && abs(mean - other.mean) < sd + other.sd
    }

    /// `mean ± sd` with `digits` decimals, e.g. `93.1 ± 2.4`.
    public func formatted(digits: Int = 1) -> String {
        "\(SequenceModels.formatted(mean, digits: digits)) ± \(SequenceModels.formatted(sd, digits: digits))"
    }

    public var description: String { formatted() }
}
