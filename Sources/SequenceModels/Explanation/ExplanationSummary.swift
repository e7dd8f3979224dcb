/// Many explained decisions summed up the way Jain & Wallace (2019) report them: medians over
/// decisions (τ_b is undefined for a decision whose ranking is constant; such decisions are
/// left out of that median).
public struct ExplanationSummary: Sendable {
    /// How many decisions were explained.
    public var decisions: Int
    /// Median τ_b(attention, |gradient × input|).
    public var attentionVersusGradient: Double
    /// Median τ_b(attention, leave-one-out).
    public var attentionVersusLeaveOneOut: Double
    /// Median τ_b(|gradient × input|, leave-one-out): the yardstick for the two above.
    public var gradientVersusLeaveOneOut: Double
    /// Median over decisions of the permutation effect (median TVD under shuffled α).
    public var permutationEffect: Double
    /// Median TVD between the output with α and with uniform weights.
    public var uniformEffect: Double
    /// The share of decisions where attention and leave-one-out pick the same top position.
    public var sameTopPosition: Double
    /// Median of the largest attention weight (how peaked the attention is).
    public var largestWeight: Double

    /// The medians over `explanations`.
    public init(_ explanations: [AttentionExplanation]) {
        decisions = explanations.count
        attentionVersusGradient = explanations.compactMap(\.attentionVersusGradient).median
        attentionVersusLeaveOneOut = explanations.compactMap(\.attentionVersusLeaveOneOut).median
        gradientVersusLeaveOneOut = explanations.compactMap(\.gradientVersusLeaveOneOut).median
        permutationEffect = explanations.map(\.permutationEffect).median
        uniformEffect = explanations.map(\.uniformEffect).median
        sameTopPosition =
            explanations.isEmpty
            ? 0
            : Double(explanations.filter(\.sameTopPosition).count) / Double(explanations.count)
        largestWeight = explanations.map(\.largestWeight).median
    }
}
