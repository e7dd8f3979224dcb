import NotebookOutput
import Tensors

/// Attention weights as NotebookOutput heatmaps.
public enum AttentionDisplay {
    /// A heatmap of `weights[targetStep][sourcePosition]`: rows labelled with the target
    /// tokens, columns with the source tokens (x: source, y: target), as in Bahdanau et al.'s
    /// alignment figures. Labels beyond the matrix are dropped; missing ones are numbered.
    public static func heatmap(
        weights: [[Double]], sourceTokens: [String], targetTokens: [String], title: String? = nil,
        showsValues: Bool = false
    ) -> Heatmap {
        let columns = weights.first?.count ?? sourceTokens.count
        return Heatmap(
            values: weights, rowLabels: labels(targetTokens, count: weights.count),
            columnLabels: labels(sourceTokens, count: columns), title: title, xLabel: "source",
            yLabel: "target", showsValues: showsValues)
    }

    /// A heatmap from a weight tensor `[targetSteps, sourceLength]`.
    public static func heatmap(
        _ weights: Tensor, sourceTokens: [String], targetTokens: [String], title: String? = nil
    ) -> Heatmap {
        requireArgument(weights.rank == 2, "heatmap: weights must be [target, source], got \(weights.shape)")
        return heatmap(weights: rows(weights), sourceTokens: sourceTokens, targetTokens: targetTokens, title: title)
    }

    /// One heatmap per head from head weights `[heads, queries, keys]` (or
    /// `[1, heads, queries, keys]`), side by side: "what each head looks at".
    public static func headPanels(
        _ headWeights: Tensor, queryTokens: [String], keyTokens: [String], title: String? = nil
    ) -> Panels {
        let w = headWeights.rank == 4 ? headWeights.select(axis: 0, index: 0) : headWeights
        requireArgument(w.rank == 3, "headPanels: weights must be [heads, queries, keys], got \(headWeights.shape)")
        let items = (0..<w.shape[0]).map { h in
            RichOutput.heatmap(
                heatmap(
                    w.select(axis: 0, index: h), sourceTokens: keyTokens,
                    targetTokens: queryTokens, title: "head \(h + 1)"))
        }
        return Panels(items, title: title)
    }

    /// Several labelled heatmaps side by side (e.g. one per attention variant).
    public static func panels(_ heatmaps: [Heatmap], title: String? = nil) -> Panels {
        Panels(heatmaps.map { .heatmap($0) }, title: title)
    }

    /// One decoding step made visible for row `row`: the scores and the softmaxed weights over
    /// the source tokens as bar charts, and a table of the step's vectors (first `preview`
    /// components of sₜ, cₜ, [sₜ; cₜ], h̃ₜ) with the chosen word.
    public static func step(
        _ step: DecoderStep, row: Int = 0, sourceTokens: [String], vocabulary: Vocabulary, preview: Int = 6
    ) -> Panels {
        var items: [RichOutput] = []
        let n = sourceTokens.count
        if let scores = step.scores {
            items.append(
                .barChart(
                    BarChart(
                        labels: sourceTokens, values: Array(rowValues(scores, row).prefix(n)),
                        title: "scores score(sₜ, hⱼ)", yLabel: "score")))
        }
        if let weights = step.weights {
            items.append(
                .barChart(
                    BarChart(
                        labels: sourceTokens, values: Array(rowValues(weights, row).prefix(n)),
                        title: "weights αₜ = softmax(scores)", yLabel: "weight")))
        }
        func vector(_ name: String, _ t: Tensor) -> [String] {
            let v = rowValues(t, row)
            let shown = v.prefix(preview).map { formatted($0, digits: 3) }.joined(separator: ", ")
            return [name, "[\(v.count)]", shown + (v.count > preview ? ", …" : "")]
        }
        let word = step.words[row]
        let p = rowValues(step.probabilities, row)[word]
        let table = Table(
            columns: ["quantity", "size", "values"],
            rows: [
                vector("decoder hidden sₜ", step.hidden), vector("context cₜ", step.context),
                vector("[sₜ; cₜ]", step.concatenated), vector("feed-forward h̃ₜ = tanh(W_c[sₜ; cₜ])", step.attentional),
                ["output word", "", "\(vocabulary.token(word)) (p = \(formatted(p, digits: 3)))"],
            ],
            caption: "One decoding step")
        items.append(.table(table))
        return Panels(items, title: "Decoder step")
    }

    /// Row `row` of a `[B, n]` tensor as Doubles.
    static func rowValues(_ t: Tensor, _ row: Int) -> [Double] {
        let n = t.shape[t.rank - 1]
        return t.scalars[(row * n)..<((row + 1) * n)].map(Double.init)
    }

    /// A `[r, c]` tensor as nested Double rows.
    static func rows(_ t: Tensor) -> [[Double]] {
        let s = t.scalars
        let c = t.shape[1]
        return (0..<t.shape[0]).map { r in s[(r * c)..<((r + 1) * c)].map(Double.init) }
    }

    static func labels(_ tokens: [String], count: Int) -> [String] {
        (0..<count).map { $0 < tokens.count ? tokens[$0] : "\($0 + 1)" }
    }
}
