/// Turns a code span that cmark found into an ``InlineExpression`` with exact positions: the
/// span's backticks and the expression's first byte, found in the file's lines.
enum InlineExpressionLocator {
    static func expression(
        _ span: CommonMarkConverter.InlineCodeSpan, index: Int, lines: [Substring], path: String
    ) throws(DocumentError) -> InlineExpression {
        let code = InlineExpression.code(inCodeSpan: span.literal).map { String($0) } ?? ""
        guard span.start.line >= 1, span.end.line <= lines.count else {
            throw DocumentError(file: path, line: span.start.line, message: "cannot locate this inline expression")
        }
        let first = Array(lines[span.start.line - 1].utf8)
        let last = Array(lines[span.end.line - 1].utf8)
        var startColumn = span.start.column
        while startColumn > 1, startColumn - 2 < first.count, first[startColumn - 2] == UInt8(ascii: "`") {
            startColumn -= 1
        }
        var endColumn = span.end.column
        while endColumn < last.count, last[endColumn] == UInt8(ascii: "`") { endColumn += 1 }
        // The expression starts after the marker and the blanks that follow it.
        let marker = Array(InlineExpression.marker.utf8)
        var column = span.start.column
        if let offset = firstOffset(of: marker, in: first, from: span.start.column - 1) {
            column = offset + marker.count + 1
            while column - 1 < first.count,
                first[column - 1] == UInt8(ascii: " ") || first[column - 1] == UInt8(ascii: "\t")
            {
                column += 1
            }
        }
        return InlineExpression(
            index: index, code: code, line: span.start.line, column: column,
            spanStart: TextPosition(line: span.start.line, column: startColumn),
            spanEnd: TextPosition(line: span.end.line, column: endColumn))
    }

    private static func firstOffset(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard start >= 0, needle.count <= haystack.count else { return nil }
        var offset = start
        while offset + needle.count <= haystack.count {
            if haystack[offset..<(offset + needle.count)].elementsEqual(needle) { return offset }
            offset += 1
        }
        return nil
    }
}
