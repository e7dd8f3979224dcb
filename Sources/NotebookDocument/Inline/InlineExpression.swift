/// A Swift expression written in prose as `` `{swift} expr` `` (Quarto's syntax): the report shows
/// its value, evaluated after the code cell above it, in place of the code span.
public struct InlineExpression: Sendable, Equatable, Codable {
    /// The position among all inline expressions of the notebook (0-based, document order).
    public var index: Int
    /// The Swift expression (the code span's text after `{swift}`).
    public var code: String
    /// The 1-based Markdown line and byte column where the expression itself starts.
    public var line: Int
    public var column: Int
    /// The code span's range in the file, backticks included: first line and 1-based byte column,
    /// last line and 1-based byte column of the closing backtick.
    public var spanStart: TextPosition
    public var spanEnd: TextPosition

    /// Creates an inline expression.
    public init(index: Int, code: String, line: Int, column: Int, spanStart: TextPosition, spanEnd: TextPosition) {
        self.index = index
        self.code = code
        self.line = line
        self.column = column
        self.spanStart = spanStart
        self.spanEnd = spanEnd
    }

    /// The marker that starts an inline expression's code span.
    public static let marker = "{swift}"

    /// The expression in a code span's text, or nil when the span is not an inline expression
    /// (it does not start with `{swift}` and a blank, or holds nothing else).
    static func code(inCodeSpan literal: String) -> Substring? {
        let trimmed = literal.drop(while: { $0 == " " })
        guard trimmed.hasPrefix(marker) else { return nil }
        let rest = trimmed.dropFirst(marker.count)
        guard rest.first == " " || rest.first == "\t" else { return nil }
        var code = rest.drop(while: { $0 == " " || $0 == "\t" })
        while code.last == " " || code.last == "\t" { code = code.dropLast() }
        // `{swift}` alone is text about the syntax, not an expression.
        return code.isEmpty ? nil : code
    }
}

/// A place in a file: 1-based line and 1-based byte column.
public struct TextPosition: Sendable, Hashable, Codable {
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, counted in UTF-8 bytes (as cmark and the Swift compiler count).
    public var column: Int

    /// Creates a position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}
