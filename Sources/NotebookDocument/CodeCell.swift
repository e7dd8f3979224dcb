/// A code block of the notebook. Swift cells run; other languages are shown as code.
public struct CodeCell: Sendable, Equatable, Codable {
    /// The position among all code blocks of the notebook (0-based).
    public var ordinal: Int
    /// The language from the info string (`swift`, `python`, or empty).
    public var language: String
    /// The whole info string, as written after the fence.
    public var infoString: String
    /// The options from the info string and the leading `//| key: value` lines.
    public var options: CellOptions
    /// The code, without the option lines.
    public var source: String
    /// The 1-based Markdown line of the first line of ``source``.
    public var sourceLine: Int
    /// The 1-based Markdown line of the opening fence.
    public var fenceLine: Int
    /// The whole block in the Markdown: opening fence to closing fence (an indented block: its
    /// first to its last code line).
    public var range: SourceRange

    /// Creates a code cell; without `range`, the block is taken to run from `fenceLine` to the
    /// line after the last source line.
    public init(
        ordinal: Int, language: String, infoString: String, options: CellOptions, source: String,
        sourceLine: Int, fenceLine: Int, range: SourceRange? = nil
    ) {
        self.ordinal = ordinal
        self.language = language
        self.infoString = infoString
        self.options = options
        self.source = source
        self.sourceLine = sourceLine
        self.fenceLine = fenceLine
        let lineCount = source.split(separator: "\n", omittingEmptySubsequences: false).count
        self.range =
            range ?? SourceRange(startLine: fenceLine, startColumn: 1, endLine: sourceLine + lineCount, endColumn: 3)
    }

    /// Whether the cell is Swift (and so can run).
    public var isSwift: Bool { language == "swift" }

    /// The cell's anchor in the report: its label, else `cell-<fence line>`.
    public var anchor: String { options.label ?? "cell-\(fenceLine)" }

    /// The source split into lines (no trailing empty line).
    public var sourceLines: [String] {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
