/// TeX math to MathML, at render time, so formulas show offline without a script.
enum TeXConverter {
    /// The `<math>` element for `tex`; `display` makes it a centred block.
    static func mathML(_ tex: String, display: Bool) -> HTMLNode {
        // Equations listed side by side wrap onto lines of their own on a narrow page.
        if display {
            let parts = DisplayMathParts.split(tex)
            if parts.count > 1 { return .element("span", class: "math-row", parts.map { equation($0, display: true) }) }
        }
        return equation(tex, display: display)
    }

    /// One formula as a `<math>` element.
    private static func equation(_ tex: String, display: Bool) -> HTMLNode {
        var parser = TeXParser(tokens: TeXLexer.tokens(tex), display: display)
        let body = parser.parse()
        var attributes: [HTMLNode.Attribute] = [.init("xmlns", "http://www.w3.org/1998/Math/MathML")]
        if display { attributes.append(.init("display", "block")) }
        attributes.append(.init("alttext", tex.trimmingCharacters()))
        return .element("math", attributes, [body])
    }
}

extension String {
    /// The string without leading and trailing whitespace.
    fileprivate func trimmingCharacters() -> String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice.removeFirst() }
        while slice.last?.isWhitespace == true { slice.removeLast() }
        return String(slice)
    }
}
