import Tensors

/// How much the output depends on *which* position gets which weight: the permutation test of
/// Jain & Wallace (2019, §4.2). The weights α are shuffled among the positions `permutations`
/// times (the set of values, hence the attention's sharpness, is kept), and the output under
/// each shuffle π is compared with the original:
///
///     Δ = median over π of TVD(f(α), f(π(α)))
///
/// A small Δ for a peaked α means the output did not need the weights where they were.
///
/// - Parameters:
///   - weights: the attention weights the model used, one per position (they sum to 1).
///   - permutations: how many random shuffles (at least 1).
///   - rng: the source of the shuffles (seeded: the result is reproducible).
///   - output: the output distribution when the model attends with the given weights.
/// - Returns: Δ in [0, 1].
public func attentionPermutationEffect(
    weights: [Double], permutations: Int, rng: inout RandomGenerator, output: ([Double]) -> [Double]
) -> Double {
    requireArgument(permutations > 0, "attentionPermutationEffect: need at least one permutation")
    let original = output(weights)
    let distances = (0..<permutations).map { _ in
        totalVariationDistance(original, output(weights.shuffled(using: &rng)))
    }
    return distances.median
}

extension Array where Element == Double {
    /// The median (the mean of the two middle values for an even count; 0 when empty).
    public var median: Double {
        guard !isEmpty else { return 0 }
        let sorted = self.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
