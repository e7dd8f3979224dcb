/// The options a cell can set, in its info string (```` ```swift echo=false ````) or in leading
/// `//| key: value` lines (Quarto style).
public struct CellOptions: Sendable, Equatable, Codable {
    /// Show the code in the report.
    public var echo: Bool = true
    /// Run the cell.
    public var eval: Bool = true
    /// Show the cell's outputs in the report.
    public var output: Bool = true
    /// A failure is expected: it is shown but does not fail the run. The cell runs in a scope of
    /// its own, so its declarations are not visible to later cells.
    public var error: Bool = false
    /// The cell's time limit in seconds (nil: the run's limit).
    public var timeout: Double?
    /// A stable name for the cell: its anchor in the report.
    public var label: String?
    /// Whether the cell's outputs may come from the cache (false: the notebook always re-runs).
    public var cache: Bool = true
    /// Whether to show the value of the last bare expression.
    public var showResult: Bool = true
    /// Whether the report shows the code folded (a "Code" summary that opens it): `code-fold`.
    public var codeFold: Bool = false
    /// The caption of the figure the cell's outputs make: `fig-cap`.
    public var figureCaption: String?
    /// What the cell's figure shows, for readers who cannot see it (`alt` of its images):
    /// `fig-alt` (the caption when not given).
    public var figureAlt: String?

    /// The default options.
    public init() {}

    /// The option names a cell may set.
    public static let knownKeys: [String] = [
        "echo", "eval", "output", "error", "timeout", "label", "id", "cache", "result", "code-fold", "fig-cap",
        "fig-alt",
    ]
}
