extension InlineExpression {
    /// `lines` with each expression's code span (backticks included) replaced by the Markdown for
    /// `texts[expression.index]` (escaped by ``markdownEscaped(_:)``, so it reads as plain text).
    /// `lines[0]` is the file's line `firstLine`. Expressions without a text, and spans that cross
    /// lines, are left as they are, so the line count never changes.
    public static func substituting(
        _ expressions: [InlineExpression], texts: [Int: String], in lines: [String], firstLine: Int
    ) -> [String] {
        var lines = lines
        let ordered = expressions.sorted {
            ($0.spanStart.line, $0.spanStart.column) > ($1.spanStart.line, $1.spanStart.column)
        }
        for expression in ordered {
            guard let text = texts[expression.index], expression.spanStart.line == expression.spanEnd.line else {
                continue
            }
            let row = expression.spanStart.line - firstLine
            guard lines.indices.contains(row) else { continue }
            let bytes = Array(lines[row].utf8)
            let start = expression.spanStart.column - 1
            let end = expression.spanEnd.column
            guard start >= 0, start < end, end <= bytes.count else { continue }
            let replaced = bytes[..<start] + Array(markdownEscaped(text).utf8) + bytes[end...]
            lines[row] = String(decoding: replaced, as: UTF8.self)
        }
        return lines
    }

    /// `text` as Markdown that shows exactly `text` on one line: ASCII punctuation that could
    /// start markup is backslash-escaped, line breaks become spaces.
    public static func markdownEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\n", "\r", "\r\n": result += " "
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "$", "&", "#", "!", "{", "}":
                result += "\\" + String(character)
            default: result.append(character)
            }
        }
        return result
    }
}
