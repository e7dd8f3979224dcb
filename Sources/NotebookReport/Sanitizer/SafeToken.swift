import NotebookDocument

/// A token of sanitised HTML: only allowed elements and attributes, balanced, ready to be
/// serialised with ``serialize(_:)``.
enum SafeToken: Equatable, Sendable {
    /// An allowed start tag (void elements such as `img` and `br` have no end tag).
    case start(name: String, attributes: [HTMLAttribute])
    /// The end tag of an allowed element.
    case end(name: String)
    /// Text, unescaped (escaped when serialised).
    case text(String)
    /// Markup the report built itself as nodes (MathML).
    case trusted(HTMLNode)

    /// The elements that have no end tag.
    static let voidElements: Set<String> = ["br", "hr", "img", "wbr", "col", "input"]

    /// The HTML for `tokens`: text and attribute values escaped, attribute values double-quoted.
    static func serialize(_ tokens: [SafeToken]) -> String {
        var html = MarkupBuffer()
        serialize(tokens, into: &html)
        return html.string
    }

    /// Appends the HTML for `tokens` to `html` (see ``serialize(_:)``).
    static func serialize(_ tokens: [SafeToken], into html: inout MarkupBuffer) {
        for token in tokens { token.serialize(into: &html) }
    }

    /// Appends the HTML for this token to `html` (see ``serialize(_:)``).
    func serialize(into html: inout MarkupBuffer) {
        switch self {
        case .start(let name, let attributes):
            html.append(ascii: UInt8(ascii: "<"))
            html.append(name)
            for attribute in attributes {
                html.append(ascii: UInt8(ascii: " "))
                html.append(attribute.name)
                html.append(ascii: UInt8(ascii: "="))
                html.append(ascii: UInt8(ascii: "\""))
                HTMLEscaping.appendEscaped(attribute.value, to: &html)
                html.append(ascii: UInt8(ascii: "\""))
            }
            html.append(ascii: UInt8(ascii: ">"))
        case .end(let name):
            html.append(ascii: UInt8(ascii: "<"))
            html.append(ascii: UInt8(ascii: "/"))
            html.append(name)
            html.append(ascii: UInt8(ascii: ">"))
        case .text(let text):
            HTMLEscaping.appendEscaped(text, to: &html)
        case .trusted(let node):
            node.render(into: &html)
        }
    }
}
