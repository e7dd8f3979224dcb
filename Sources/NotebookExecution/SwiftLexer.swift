import NotebookDocument

/// The runner's view of a cell's tokens (from the project's one tokenizer, ``SwiftTokenizer``):
/// enough to find its brackets, statements and last expression without a compiler. Whitespace
/// and comments are left out, a whole string literal is one token (the code of its
/// interpolations comes first, as tokens of their own), and attributes and directives count as
/// operators (they start no expression).
struct SwiftLexer {
    /// A token of Swift source.
    struct Token: Equatable {
        enum Kind: Equatable { case identifier, keyword, number, string, punctuation, `operator` }
        var kind: Kind
        var text: String
        /// Offsets into the lexed text's `utf8` view.
        var start: Int
        var end: Int
        /// 1-based line of the token's first character.
        var line: Int
    }

    /// An opening bracket that was never closed, or a closing one that has no opener.
    struct BracketProblem: Equatable {
        var message: String
        var line: Int
    }

    /// The tokens of `source`, comments and whitespace left out.
    static func tokens(_ source: String) -> [Token] {
        tokens(of: SwiftTokenizer(source))
    }

    private static func tokens(of tokenizer: SwiftTokenizer) -> [Token] {
        var tokens: [Token] = []
        var openStrings: [(start: Int, line: Int)] = []
        var stringStart: (start: Int, line: Int)?
        let all = tokenizer.tokens
        for (index, token) in all.enumerated() {
            let text = { tokenizer.text(of: token) }
            switch token.kind {
            case .whitespace, .comment, .other:
                continue
            case .stringText:
                let opening = stringStart ?? (token.start, token.line)
                stringStart = opening
                // A piece followed by `\(` continues after the interpolation; any other ends the literal.
                if index + 1 == all.count || all[index + 1].kind != .interpolationOpen {
                    tokens.append(
                        Token(kind: .string, text: "\"…\"", start: opening.start, end: token.end, line: opening.line))
                    stringStart = nil
                }
            case .interpolationOpen:
                openStrings.append(stringStart ?? (token.start, token.line))
                stringStart = nil
            case .interpolationClose:
                stringStart = openStrings.popLast()
            case .identifier:
                tokens.append(
                    Token(kind: .identifier, text: text(), start: token.start, end: token.end, line: token.line))
            case .keyword:
                tokens.append(Token(kind: .keyword, text: text(), start: token.start, end: token.end, line: token.line))
            case .number:
                tokens.append(Token(kind: .number, text: text(), start: token.start, end: token.end, line: token.line))
            case .punctuation:
                tokens.append(
                    Token(kind: .punctuation, text: text(), start: token.start, end: token.end, line: token.line))
            case .operator, .attribute, .directive:
                tokens.append(
                    Token(kind: .operator, text: text(), start: token.start, end: token.end, line: token.line))
            }
        }
        return tokens
    }

    /// The first bracket problem of `source`, if any: an unclosed `{`, `(` or `[`, a stray closer,
    /// or an unterminated string, comment or interpolation.
    static func bracketProblem(in source: String) -> BracketProblem? {
        let tokenizer = SwiftTokenizer(source)
        if let problem = tokenizer.problem { return BracketProblem(message: problem.message, line: problem.line) }
        var stack: [Token] = []
        let pairs: [String: String] = [")": "(", "]": "[", "}": "{"]
        for token in tokens(of: tokenizer) where token.kind == .punctuation {
            switch token.text {
            case "(", "[", "{": stack.append(token)
            case ")", "]", "}":
                guard let open = stack.last, open.text == pairs[token.text] else {
                    if let open = stack.last {
                        return BracketProblem(
                            message: "'\(token.text)' does not match the '\(open.text)' opened on line \(open.line)",
                            line: token.line)
                    }
                    return BracketProblem(message: "'\(token.text)' has no matching opening bracket", line: token.line)
                }
                stack.removeLast()
            default: break
            }
        }
        if let open = stack.last {
            return BracketProblem(message: "'\(open.text)' is never closed in this cell", line: open.line)
        }
        return nil
    }
}
