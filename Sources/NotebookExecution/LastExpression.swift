import NotebookDocument

/// Finds a cell's last top-level statement and decides whether it is a bare expression whose
/// value should be shown (Jupyter's `Out[n]`).
///
/// This is a heuristic over tokens, not a parser; the planner compiles a fallback without the
/// rewrite when the compiler disagrees.
public enum LastExpression {
    /// The byte range (in the cell source's `utf8`) of the last statement, when it is a bare expression.
    public static func range(in source: String) -> Range<Int>? {
        let tokens = SwiftLexer.tokens(source)
        guard !tokens.isEmpty else { return nil }
        let start = lastStatementStart(tokens)
        let statement = tokens[start...]
        guard isBareExpression(statement) else { return nil }
        return statement.first!.start..<statement.last!.end
    }

    private static let continuationEnders: Set<String> = [
        "(", "[", "{", ",", ":", "in", "=", "return", "try", "await", "as", "is",
    ]
    private static let continuationStarters: Set<String> = [
        "else", "catch", "where", "in", "as", "is", ")", "]", "}", ",", ":",
    ]

    private static func lastStatementStart(_ tokens: [SwiftLexer.Token]) -> Int {
        var depth = 0
        var start = 0
        for index in tokens.indices {
            let token = tokens[index]
            let depthBefore = depth
            if token.kind == .punctuation {
                switch token.text {
                case "(", "[", "{": depth += 1
                case ")", "]", "}": depth = max(0, depth - 1)
                case ";" where depth == 0:
                    start = index + 1
                    continue
                default: break
                }
            }
            guard index > 0, depthBefore == 0, token.line > tokens[index - 1].line else { continue }
            let previous = tokens[index - 1]
            if continuationEnders.contains(previous.text) { continue }
            if previous.kind == .operator, isInfixOperator(previous.text), previous.text != "!", previous.text != "?" {
                continue
            }
            if continuationStarters.contains(token.text) { continue }
            if token.kind == .operator, token.text.hasPrefix(".") || isInfixOperator(token.text) { continue }
            if token.text == "{" { continue }
            start = index
        }
        return min(start, tokens.count - 1)
    }

    private static func isInfixOperator(_ text: String) -> Bool {
        !(text.hasPrefix("@") || text.hasPrefix("#") || text == "!" || text == "&")
    }

    private static let assignmentOperators: Set<String> = [
        "=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "&+=", "&-=", "&*=",
    ]

    private static func isBareExpression(_ statement: ArraySlice<SwiftLexer.Token>) -> Bool {
        guard let first = statement.first else { return false }
        if first.kind == .keyword, SwiftKeywords.statementStarts.contains(first.text) { return false }
        if first.kind == .operator, first.text.hasPrefix("@") || first.text.hasPrefix("#") { return false }
        if first.kind == .punctuation, first.text != "(", first.text != "[" { return false }
        var depth = 0
        for token in statement {
            if token.kind == .punctuation {
                switch token.text {
                case "(", "[", "{": depth += 1
                case ")", "]", "}": depth -= 1
                default: break
                }
            }
            if depth == 0, token.kind == .operator, assignmentOperators.contains(token.text) { return false }
        }
        return depth == 0
    }
}
