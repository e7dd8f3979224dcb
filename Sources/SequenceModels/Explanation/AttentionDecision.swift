import Tensors

/// One decision of an attention model (a classifier's label, or one word of a translation),
/// packaged so that its attention weights can be checked against other measures of which
/// inputs mattered (`explained(permutations:rng:)`).
///
/// The model is given as functions of its embedded input X `[1, positions, embedding]` and of
/// its attention weights, so that the measures need not know the architecture.
public struct AttentionDecision {
    /// The input tokens, one per position (for display).
    public var tokens: [String]
    /// α: the attention weights the model used for this decision, one per position (sum 1).
    public var weights: [Double]
    /// X `[1, positions, embedding]`: the embedded input.
    public var inputs: Tensor
    /// The index of the output the model chose (class or word id).
    public var predicted: Int
    /// The output distribution the model gave.
    public var probabilities: [Double]
    /// Row i: the output distribution with input position i removed.
    public var withoutEachPosition: [[Double]]
    /// The model's output distribution `[outputs]` for an embedded input shaped like `inputs`
    /// (attending as it would). Recorded on the tape, so that gradients reach the input.
    public var distribution: (_ inputs: Tensor) -> Tensor
    /// The model's output distribution on the original input with α replaced by `weights`.
    public var reweighted: (_ weights: [Double]) -> [Double]
    /// The model's parameters (their accumulated gradients are preserved).
    public var parameters: [Parameter]

    /// A decision from its parts (see the properties).
    public init(
        tokens: [String], weights: [Double], inputs: Tensor, predicted: Int, probabilities: [Double],
        withoutEachPosition: [[Double]], distribution: @escaping (Tensor) -> Tensor,
        reweighted: @escaping ([Double]) -> [Double], parameters: [Parameter]
    ) {
        self.tokens = tokens
        self.weights = weights
        self.inputs = inputs
        self.predicted = predicted
        self.probabilities = probabilities
        self.withoutEachPosition = withoutEachPosition
        self.distribution = distribution
        self.reweighted = reweighted
        self.parameters = parameters
    }

    /// The three importance measures of the decision and how they agree (Jain & Wallace 2019):
    ///
    /// - gradient × input: |sᵢ| with f = log p(predicted) (`gradientTimesInput`);
    /// - leave-one-out: TVD of the output without position i (`leaveOneOutImportance`);
    /// - Kendall τ_b between attention and each of them, and between the two (`kendallTau`);
    /// - the permutation effect: median TVD under `permutations` shuffles of α
    ///   (`attentionPermutationEffect`);
    /// - the uniform effect: TVD between the output with α and with uniform weights.
    public func explained(permutations: Int, rng: inout RandomGenerator) -> AttentionExplanation {
        let predicted = self.predicted
        let distribution = self.distribution
        let saliency = gradientTimesInput(inputs, preserving: parameters) { x in
            distribution(x).select(axis: 0, index: predicted).log()
        }.map(Swift.abs)
        let (permutation, uniform) = withoutGradient {
            let permutation = attentionPermutationEffect(
                weights: weights, permutations: permutations, rng: &rng, output: reweighted)
            let flat = [Double](repeating: 1 / Double(weights.count), count: weights.count)
            return (permutation, totalVariationDistance(reweighted(weights), reweighted(flat)))
        }
        return AttentionExplanation(
            tokens: tokens, attention: weights, gradientTimesInput: saliency,
            leaveOneOut: leaveOneOutImportance(full: probabilities, withoutEachPosition: withoutEachPosition),
            permutationEffect: permutation, uniformEffect: uniform)
    }
}

/// What `AttentionDecision.explained(permutations:rng:)` measured for one decision.
public struct AttentionExplanation: Sendable {
    /// The input tokens.
    public var tokens: [String]
    /// α, one weight per position.
    public var attention: [Double]
    /// |gradient × input| per position.
    public var gradientTimesInput: [Double]
    /// Leave-one-out TVD per position.
    public var leaveOneOut: [Double]
    /// Median TVD of the output under random permutations of α.
    public var permutationEffect: Double
    /// TVD of the output between α and uniform weights.
    public var uniformEffect: Double

    /// An explanation from its parts.
    public init(
        tokens: [String], attention: [Double], gradientTimesInput: [Double], leaveOneOut: [Double],
        permutationEffect: Double, uniformEffect: Double
    ) {
        self.tokens = tokens
        self.attention = attention
        self.gradientTimesInput = gradientTimesInput
        self.leaveOneOut = leaveOneOut
        self.permutationEffect = permutationEffect
        self.uniformEffect = uniformEffect
    }

    /// τ_b(attention, |gradient × input|); nil when either ranking is constant.
    public var attentionVersusGradient: Double? { kendallTau(attention, gradientTimesInput) }
    /// τ_b(attention, leave-one-out).
    public var attentionVersusLeaveOneOut: Double? { kendallTau(attention, leaveOneOut) }
    /// τ_b(|gradient × input|, leave-one-out): how well the two non-attention measures agree,
    /// the yardstick for the two above.
    public var gradientVersusLeaveOneOut: Double? { kendallTau(gradientTimesInput, leaveOneOut) }
    /// The largest attention weight.
    public var largestWeight: Double { attention.max() ?? 0 }
    /// Whether attention and leave-one-out pick the same most important position.
    public var sameTopPosition: Bool {
        guard let a = attention.indices.max(by: { attention[$0] < attention[$1] }),
            let l = leaveOneOut.indices.max(by: { leaveOneOut[$0] < leaveOneOut[$1] })
        else { return false }
        return a == l
    }
}
