/// Where a block or cell sits in the notebook's Markdown: from its first character to its last,
/// as 1-based lines and columns (columns count bytes of the line, as cmark reports them), both
/// ends inclusive. A fenced code cell's range runs from its opening fence to its closing fence.
public struct SourceRange: Sendable, Hashable, Codable {
    /// The first line.
    public var startLine: Int
    /// The column of the first character on `startLine`.
    public var startColumn: Int
    /// The last line.
    public var endLine: Int
    /// The column of the last character on `endLine`.
    public var endColumn: Int

    /// Creates a range.
    public init(startLine: Int, startColumn: Int, endLine: Int, endColumn: Int) {
        self.startLine = startLine
        self.startColumn = startColumn
        self.endLine = endLine
        self.endColumn = endColumn
    }

    /// The 0-based indices of the lines it covers in the notebook's ``Notebook/sourceLines``.
    public var lineIndices: ClosedRange<Int> { (startLine - 1)...(max(endLine, startLine) - 1) }
}
