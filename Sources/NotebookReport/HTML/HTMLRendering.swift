/// Turns ``HTMLNode`` trees into markup: one buffer, text and attribute values escaped with
/// ``HTMLEscaping``, attribute values double-quoted.
extension HTMLNode {
    /// Elements that have no end tag in HTML.
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]
    /// SVG elements written `<name …/>` when they have no children.
    static let selfClosingElements: Set<String> = [
        "rect", "line", "circle", "polyline", "polygon", "path", "stop", "ellipse", "use",
    ]

    /// The markup of this node.
    public func render() -> String {
        var output = ""
        render(into: &output)
        return output
    }

    /// Appends the markup of this node to `output`.
    public func render(into output: inout String) {
        switch kind {
        case .text(let text):
            HTMLEscaping.appendEscaped(text, to: &output)
        case .trusted(let markup):
            output += markup
        case .fragment(let nodes):
            for node in nodes { node.render(into: &output) }
        case .element(let name, let attributes, let children):
            assert(Self.isName(name), "element name \(name)")
            output += "<"
            output += name
            for attribute in attributes {
                assert(Self.isName(attribute.name), "attribute name \(attribute.name)")
                output += " "
                output += attribute.name
                if let value = attribute.value {
                    output += "=\""
                    HTMLEscaping.appendEscaped(value, to: &output)
                    output += "\""
                }
            }
            if children.isEmpty, Self.voidElements.contains(name) {
                output += ">"
            } else if children.isEmpty, Self.selfClosingElements.contains(name) {
                output += "/>"
            } else {
                output += ">"
                for child in children { child.render(into: &output) }
                output += "</"
                output += name
                output += ">"
            }
        }
    }

    /// Whether `name` is a plain element or attribute name (ASCII letters, digits, `-`, `:`).
    static func isName(_ name: String) -> Bool {
        !name.isEmpty
            && name.utf8.allSatisfy { byte in
                (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                    || byte == 0x2D || byte == 0x3A
            }
    }
}
