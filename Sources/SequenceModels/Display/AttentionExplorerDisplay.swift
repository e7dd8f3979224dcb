import NotebookOutput
import Tensors

/// Attention weights as explorable ``AttentionView``s: the report lets the reader step through the
/// decoder, pick a layer and head or a variant, and hover tokens (a static heatmap elsewhere).
extension AttentionDisplay {
    /// One map per (layer, head) of attention weights, shown one at a time with a menu grouped by
    /// layer, preceded by the mean over the heads of the last layer (named `averageName`, when not
    /// nil). `layers[l]` is `[heads, queries, keys]` (or `[1, heads, queries, keys]`), such as a
    /// Transformer's `crossAttention`; rows are `queryTokens`, columns `keyTokens`.
    public static func explorer(
        layers: [Tensor], queryTokens: [String], keyTokens: [String], title: String? = nil,
        averageName: String? = "mean of heads, last layer", queryLabel: String = "target", keyLabel: String = "source"
    ) -> AttentionView {
        let perLayer = layers.map { $0.rank == 4 ? $0.select(axis: 0, index: 0) : $0 }
        for (l, w) in perLayer.enumerated() {
            requireArgument(
                w.rank == 3, "explorer: layer \(l + 1)'s weights must be [heads, queries, keys], got \(w.shape)")
        }
        var maps: [AttentionMap] = []
        let queries = perLayer.first.map { labels(queryTokens, count: $0.shape[1]) } ?? queryTokens
        if let averageName, let last = perLayer.last {
            maps.append(AttentionMap(name: averageName, targetTokens: queries, weights: rows(last.mean(axis: 0))))
        }
        for (l, w) in perLayer.enumerated() {
            for h in 0..<w.shape[0] {
                maps.append(
                    AttentionMap(
                        name: "head \(h + 1)", layer: l + 1, targetTokens: queries,
                        weights: rows(w.select(axis: 0, index: h))))
            }
        }
        let keys = perLayer.first.map { labels(keyTokens, count: $0.shape[2]) } ?? keyTokens
        return AttentionView(
            title: title, sourceTokens: keys, maps: maps, arrangement: .oneAtATime, sourceLabel: keyLabel,
            targetLabel: queryLabel)
    }

    /// Translations of one source sentence side by side (one per model or variant) on one colour
    /// scale, each with its own output tokens. Translations without weights are left out.
    public static func explorer(_ translations: [(name: String, translation: Translation)], title: String? = nil)
        -> AttentionView
    {
        let shown = translations.filter { !$0.translation.weights.isEmpty }
        return AttentionView(
            title: title, sourceTokens: shown.first?.translation.source ?? [],
            maps: shown.map { $0.translation.attentionMap(name: $0.name) })
    }
}

extension Translation {
    /// The attention weights as one ``AttentionMap`` (rows: the output tokens, `<eos>` included
    /// when produced; columns: the source tokens).
    public func attentionMap(name: String) -> AttentionMap {
        AttentionMap(name: name, targetTokens: rowLabels, weights: weights)
    }

    /// The attention weights as an explorable view: step through the decoder, hover the tokens.
    public func explorer(title: String? = nil, name: String = "attention") -> AttentionView {
        AttentionView(title: title, sourceTokens: source, maps: [attentionMap(name: name)])
    }
}

extension AttentionComparison {
    /// Every variant's attention on the same sample sentence, side by side on one colour scale,
    /// explorable (variants without attention weights are left out).
    public var explorer: AttentionView {
        AttentionDisplay.explorer(runs.map { ($0.name, $0.sample) }, title: "Attention on one validation sentence")
    }
}
