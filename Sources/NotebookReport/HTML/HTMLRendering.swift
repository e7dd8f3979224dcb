/// Turns ``HTMLNode`` trees into markup: one byte buffer (``MarkupBuffer``), text and attribute values escaped with
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
        var output = MarkupBuffer()
        render(into: &output)
        return output.string
    }

    /// Appends the markup of this node to `output`.
    public func render(into output: inout String) {
        var buffer = MarkupBuffer()
        render(into: &buffer)
        output += buffer.string
    }

    /// Appends the markup of this node to `output`.
    func render(into output: inout MarkupBuffer) {
        switch kind {
        case .text(let text):
            HTMLEscaping.appendEscaped(text, to: &output)
        case .trusted(let markup):
            output.append(markup)
        case .fragment(let nodes):
            for node in nodes { node.render(into: &output) }
        case .element(let name, let attributes, let children):
            assert(Self.isName(name), "element name \(name)")
            output.append(ascii: UInt8(ascii: "<"))
            output.append(name)
            for attribute in attributes {
                assert(Self.isName(attribute.name), "attribute name \(attribute.name)")
                output.append(ascii: UInt8(ascii: " "))
                output.append(attribute.name)
                if let value = attribute.value {
                    output.append(ascii: UInt8(ascii: "="))
                    output.append(ascii: UInt8(ascii: "\""))
                    HTMLEscaping.appendEscaped(value, to: &output)
                    output.append(ascii: UInt8(ascii: "\""))
                }
            }
            if children.isEmpty, Self.voidElements.contains(name) {
                output.append(ascii: UInt8(ascii: ">"))
            } else if children.isEmpty, Self.selfClosingElements.contains(name) {
                output.append(ascii: UInt8(ascii: "/"))
                output.append(ascii: UInt8(ascii: ">"))
            } else {
                output.append(ascii: UInt8(ascii: ">"))
                for child in children { child.render(into: &output) }
                output.append(ascii: UInt8(ascii: "<"))
                output.append(ascii: UInt8(ascii: "/"))
                output.append(name)
                output.append(ascii: UInt8(ascii: ">"))
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
