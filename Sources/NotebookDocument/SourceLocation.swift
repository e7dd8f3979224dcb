/// A place in a notebook's Markdown source: file path and 1-based line (and column, when known).
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file path, as the user named it.
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, when known.
    public var column: Int?

    /// Creates a location.
    public init(file: String, line: Int, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line` or `file:line:column`, the form editors jump to.
    public var description: String {
        if let column { return "\(file):\(line):\(column)" }
        return "\(file):\(line)"
    }
}
