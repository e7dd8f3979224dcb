import Tensors

/// The total variation distance between two distributions over the same outcomes:
///
///     TVD(p, q) = ½ Σₖ |pₖ − qₖ|
///
/// 0 for identical distributions, 1 for disjoint ones: the largest difference in probability
/// the two assign to any set of outcomes. Jain & Wallace (2019) measure how much a model's
/// output moves under an intervention on its attention with it.
///
/// - Precondition: `p` and `q` have the same length.
public func totalVariationDistance(_ p: [Double], _ q: [Double]) -> Double {
    requireArgument(p.count == q.count, "totalVariationDistance: \(p.count) vs \(q.count) outcomes")
    var sum = 0.0
    for (a, b) in zip(p, q) { sum += Swift.abs(a - b) }
    return sum / 2
}
