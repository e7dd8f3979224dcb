/// One token of an HTML fragment, with character references already decoded: what the
/// report's tokenizer reads, and what ``CMarkHTMLTokens`` tells of cmark's HTML without writing it.
package enum HTMLToken: Equatable, Sendable {
    /// Character data (decoded: `&amp;` is `&`).
    case text(String)
    /// A start tag; the name is lowercased, attribute names too, values are decoded.
    case startTag(name: String, attributes: [HTMLAttribute], selfClosing: Bool)
    /// An end tag; the name is lowercased.
    case endTag(name: String)
    /// A comment, doctype or processing instruction: never shown.
    case comment(String)
}

/// An attribute of a start tag.
package struct HTMLAttribute: Equatable, Sendable {
    /// The lowercased name.
    package var name: String
    /// The decoded value (empty for a bare attribute like `open`).
    package var value: String

    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
