extension AttentionView {
    /// The most maps a view may hold (layers × heads): 64.
    public static let maximumMaps = 64
    /// The most maps side by side (one per variant): 12.
    public static let maximumSideBySideMaps = 12
    /// The most tokens on either axis: 256 (a view is drawn as one cell per weight).
    public static let maximumTokens = 256
    /// The most weights in all maps together: 262,144 (64 maps of 64 × 64).
    public static let maximumWeights = 1 << 18

    /// What is wrong with the view, or nil when the report can draw it: at least one map, at most
    /// ``maximumMaps`` (``maximumSideBySideMaps`` side by side), at most ``maximumTokens`` per axis
    /// and ``maximumWeights`` in all, one row per target token and one column per source token,
    /// finite weights, and (one at a time) the same target tokens in every map.
    ///
    /// The runner turns a view with a problem into an error output naming it; the report checks
    /// again before drawing (a view can also come from a cache entry or another engine).
    public var shapeProblem: String? {
        guard !maps.isEmpty else { return "the attention view has no maps (give it at least one AttentionMap)" }
        let limit = arrangement == .sideBySide ? Self.maximumSideBySideMaps : Self.maximumMaps
        if maps.count > limit {
            return "the attention view has \(maps.count) maps; at most \(limit) can be shown "
                + (arrangement == .sideBySide ? "side by side (use .oneAtATime)" : "in one view")
        }
        guard !sourceTokens.isEmpty else { return "the attention view has no source tokens" }
        if sourceTokens.count > Self.maximumTokens {
            return
                "the attention view has \(sourceTokens.count) source tokens; at most \(Self.maximumTokens) can be drawn"
        }
        var total = 0
        for (index, map) in maps.enumerated() {
            let name = "map \(index + 1) ('\(map.name)')"
            guard !map.weights.isEmpty else { return "\(name) of the attention view has no rows" }
            if map.weights.count > Self.maximumTokens {
                return "\(name) has \(map.weights.count) rows; at most \(Self.maximumTokens) can be drawn"
            }
            if map.targetTokens.count != map.weights.count {
                return "\(name) has \(map.weights.count) rows of weights but \(map.targetTokens.count) target tokens"
            }
            if let row = map.weights.firstIndex(where: { $0.count != sourceTokens.count }) {
                return
                    "\(name) has \(map.weights[row].count) weights in row \(row + 1), but the view has \(sourceTokens.count) source tokens"
            }
            for (row, values) in map.weights.enumerated() {
                if let column = values.firstIndex(where: { !$0.isFinite }) {
                    return
                        "\(name) has a weight that is not a finite number (\(values[column])) in row \(row + 1), column \(column + 1)"
                }
            }
            if arrangement == .oneAtATime, map.targetTokens != maps[0].targetTokens {
                return
                    "\(name) has other target tokens than map 1; maps shown one at a time share their tokens (use .sideBySide)"
            }
            total += map.weights.count * sourceTokens.count
        }
        if total > Self.maximumWeights {
            return "the attention view has \(total) weights; at most \(Self.maximumWeights) can be drawn"
        }
        return nil
    }

    /// About how many bytes the view takes: its tokens and names, plus 8 per weight.
    public var estimatedBytes: Int {
        func text(_ strings: [String]) -> Int { strings.reduce(0) { $0 + $1.utf8.count } }
        return text(sourceTokens) + (title?.utf8.count ?? 0)
            + maps.reduce(0) {
                $0 + $1.name.utf8.count + text($1.targetTokens) + $1.weights.reduce(0) { $0 + 8 * $1.count }
            }
    }
}
