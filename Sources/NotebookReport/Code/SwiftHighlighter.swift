import NotebookDocument

/// Swift syntax highlighting over the project's one tokenizer (``SwiftTokenizer``): keywords,
/// literal keywords, strings (interpolations marked, their code highlighted), comments, numbers,
/// type names (capitalised), called functions, attributes and `#` directives go in
/// `<span class="…">` elements; everything else is text. Broken code is highlighted as far as it
/// reads: an unterminated string or comment runs to the end.
enum SwiftHighlighter {
    /// The highlighted `source`: text and `<span class="…">` elements (no surrounding `<pre>`).
    static func highlight(_ source: String) -> HTMLNode {
        let tokenizer = SwiftTokenizer(source)
        let tokens = tokenizer.tokens
        var nodes: [HTMLNode] = []
        nodes.reserveCapacity(tokens.count)
        for (index, token) in tokens.enumerated() {
            let text = tokenizer.text(of: token)
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            let called = next.map { $0.start == token.end && tokenizer.bytes[$0.start] == UInt8(ascii: "(") } ?? false
            let content = HTMLNode.text(text)
            nodes.append(
                cssClass(of: token, text: text, followedByParenthesis: called).map {
                    .element("span", class: $0, [content])
                }
                    ?? content)
        }
        return .fragment(nodes)
    }

    /// The class of a token: `kw`, `lit`, `str`, `interp`, `com`, `num`, `type`, `fn`, `attr`,
    /// `dir`, or nil for plain text. A name is `fn` when `(` follows it directly.
    /// (`followedByParenthesis`).
    static func cssClass(of token: SwiftTokenizer.Token, text: String, followedByParenthesis: Bool) -> String? {
        switch token.kind {
        case .keyword: SwiftKeywords.literals.contains(text) ? "lit" : "kw"
        case .identifier:
            if text.first?.isUppercase == true {
                "type"
            } else if followedByParenthesis, text.first != "`" {
                "fn"
            } else {
                nil
            }
        case .number: "num"
        case .stringText: "str"
        case .interpolationOpen, .interpolationClose: "interp"
        case .comment: "com"
        case .attribute: "attr"
        case .directive: "dir"
        case .whitespace, .punctuation, .operator, .other: nil
        }
    }
}
