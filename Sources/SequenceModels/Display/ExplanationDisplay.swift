import NotebookOutput

/// Attention next to other importance measures, as tables and heatmaps.
public enum ExplanationDisplay {
    /// Three rows over the input tokens: the attention weights α, |gradient × input| and the
    /// leave-one-out TVD, the last two scaled to sum to 1 like α (only the ranking and the
    /// relative sizes matter for the comparison).
    public static func heatmap(_ explanation: AttentionExplanation, title: String? = nil) -> Heatmap {
        func normalised(_ xs: [Double]) -> [Double] {
            let total = xs.reduce(0, +)
            return total > 0 ? xs.map { $0 / total } : xs
        }
        return Heatmap(
            values: [
                explanation.attention, normalised(explanation.gradientTimesInput), normalised(explanation.leaveOneOut),
            ],
            rowLabels: ["attention", "|gradient × input|", "leave-one-out"], columnLabels: explanation.tokens,
            title: title, xLabel: "input", yLabel: "measure", showsValues: true)
    }

    /// One column per model: the medians of `ExplanationSummary`, rows named as in its
    /// documentation.
    public static func table(_ summaries: [(name: String, summary: ExplanationSummary)], caption: String) -> Table {
        func row(_ label: String, _ value: (ExplanationSummary) -> Double, digits: Int = 2) -> [String] {
            [label] + summaries.map { formatted(value($0.summary), digits: digits) }
        }
        return Table(
            columns: ["measure"] + summaries.map(\.name),
            rows: [
                ["decisions explained"] + summaries.map { String($0.summary.decisions) },
                row("median τ(attention, gradient×input)", \.attentionVersusGradient),
                row("median τ(attention, leave-one-out)", \.attentionVersusLeaveOneOut),
                row("median τ(gradient×input, leave-one-out)", \.gradientVersusLeaveOneOut),
                row("same top position (attention, leave-one-out)", \.sameTopPosition),
                row("median largest weight", \.largestWeight),
                row("median TVD, permuted attention", \.permutationEffect, digits: 3),
                row("median TVD, uniform attention", \.uniformEffect, digits: 3),
            ],
            caption: caption)
    }
}
