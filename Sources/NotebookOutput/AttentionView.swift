/// Attention weights a reader can explore in the report: step through the decoder one output
/// token at a time, pick the layer and head (or see the variants side by side on one colour
/// scale), hover a token to see its row and column, download the view as SVG.
///
/// Each ``AttentionMap`` is one weight matrix `weights[targetStep][sourcePosition]` (rows: the
/// output tokens, or queries; columns: ``sourceTokens``, the keys), as in Bahdanau et al.'s
/// alignment figures. Where scripts do not run (a Jupyter notebook, `--to md`, a report opened
/// with scripts off, print) the view is a static heatmap of its first map, or of every variant
/// side by side.
///
/// ```swift
/// display(AttentionView(
///     sourceTokens: ["the", "cat", "sat"],
///     maps: [AttentionMap(name: "additive", targetTokens: ["le", "chat", "<eos>"], weights: w)]))
/// ```
public struct AttentionView: Sendable, Equatable, Codable {
    /// How the maps are shown.
    public enum Arrangement: String, Sendable, Equatable, Codable {
        /// Every map side by side on one shared colour scale (one per attention variant, say);
        /// each may have its own output tokens. A menu shows one of them alone.
        case sideBySide
        /// One map at a time, chosen from a menu grouped by layer (per layer × head, say); all maps
        /// have the same tokens. The static form shows the first.
        case oneAtATime
    }

    /// A title above the view.
    public var title: String?
    /// The source tokens (keys): one per column of every map.
    public var sourceTokens: [String]
    /// The weight matrices, in menu order; the first is the one shown where scripts do not run
    /// (with ``Arrangement/oneAtATime``).
    public var maps: [AttentionMap]
    /// How the maps are shown.
    public var arrangement: Arrangement
    /// The name of the columns' axis ("source", "key").
    public var sourceLabel: String
    /// The name of the rows' axis ("target", "query").
    public var targetLabel: String

    /// Creates an attention view.
    public init(
        title: String? = nil, sourceTokens: [String], maps: [AttentionMap], arrangement: Arrangement = .sideBySide,
        sourceLabel: String = "source", targetLabel: String = "target"
    ) {
        self.title = title
        self.sourceTokens = sourceTokens
        self.maps = maps
        self.arrangement = arrangement
        self.sourceLabel = sourceLabel
        self.targetLabel = targetLabel
    }

    /// The number of decoder steps: the most rows of any map.
    public var stepCount: Int { maps.map(\.weights.count).max() ?? 0 }

    /// Every map as a ``Heatmap`` (titled with the map's name, axes named as the view's), for
    /// places that show heatmaps and for tests.
    public var heatmaps: [Heatmap] {
        maps.map { map in
            Heatmap(
                values: map.weights, rowLabels: map.targetTokens, columnLabels: sourceTokens, title: map.name,
                xLabel: sourceLabel, yLabel: targetLabel)
        }
    }
}

/// One weight matrix of an ``AttentionView``: `weights[row][column]`, one row per target token
/// (a decoder step, or a query), one column per source token of the view.
public struct AttentionMap: Sendable, Equatable, Codable {
    /// The menu entry and panel title ("additive", "head 2").
    public var name: String
    /// The layer the map belongs to (1-based), grouping the menu; nil when there are no layers.
    public var layer: Int?
    /// The output tokens (queries): one per row of `weights`.
    public var targetTokens: [String]
    /// The weights, `weights[row][column]`; finite, every row as long as the view's source tokens.
    public var weights: [[Double]]

    /// Creates a map.
    public init(name: String, layer: Int? = nil, targetTokens: [String], weights: [[Double]]) {
        self.name = name
        self.layer = layer
        self.targetTokens = targetTokens
        self.weights = weights
    }
}
