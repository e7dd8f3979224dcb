/// A piece of HTML (or inline SVG/MathML) built by type: elements with attributes and children,
/// text, and fragments. Text and attribute values are escaped when the node is rendered, so
/// escaping holds by construction, not by the discipline of each call site.
///
/// The only way to put markup in as is, ``trusted(_:)``, is internal to the report module: it
/// carries what the report's own typed writers produced (the sanitiser's serialised tokens,
/// MathML), never text from a notebook or a cell.
///
/// Rendering is linear in the size of the output: every node appends to one buffer.
public struct HTMLNode: Sendable, Equatable, ExpressibleByStringLiteral {
    enum Kind: Sendable, Equatable {
        case element(name: String, attributes: [Attribute], children: [HTMLNode])
        case text(String)
        case trusted(String)
        case fragment([HTMLNode])
    }

    /// One attribute: a name the report chose, and a value (escaped when rendered); a nil value
    /// is a boolean attribute (`open`).
    public struct Attribute: Sendable, Equatable {
        /// The attribute's name, a constant of the report's code (letters, digits, `-`, `:`).
        public var name: String
        /// The value, unescaped; nil for a boolean attribute.
        public var value: String?

        /// An attribute `name="value"`.
        public init(_ name: String, _ value: String?) {
            self.name = name
            self.value = value
        }
    }

    let kind: Kind

    init(kind: Kind) { self.kind = kind }

    /// Text, shown as is (escaped when rendered).
    public init(stringLiteral text: String) { kind = .text(text) }

    /// The element `<name attributes…>children…</name>`. `className`, when given, is the first
    /// attribute (`class`).
    public static func element(
        _ name: String, class className: String? = nil, _ attributes: [Attribute] = [], _ children: [HTMLNode] = []
    ) -> HTMLNode {
        let all = className.map { [Attribute("class", $0)] + attributes } ?? attributes
        return HTMLNode(kind: .element(name: name, attributes: all, children: children))
    }

    /// The element `name` with a class and children, no other attributes.
    public static func element(_ name: String, class className: String? = nil, _ children: [HTMLNode]) -> HTMLNode {
        element(name, class: className, [], children)
    }

    /// Text (escaped when rendered).
    public static func text(_ text: String) -> HTMLNode { HTMLNode(kind: .text(text)) }

    /// Several nodes side by side, without an element around them.
    public static func fragment(_ nodes: [HTMLNode]) -> HTMLNode { HTMLNode(kind: .fragment(nodes)) }

    /// A no-break space, written `&nbsp;` so it shows in the source.
    public static let nonBreakingSpace = HTMLNode(kind: .trusted("&nbsp;"))

    /// Nothing.
    public static let empty = HTMLNode(kind: .fragment([]))

    /// Markup the report's own typed writers made (sanitised prose, MathML), written as is.
    static func trusted(_ markup: String) -> HTMLNode { HTMLNode(kind: .trusted(markup)) }

    /// Whether the node renders as nothing.
    var isEmpty: Bool {
        switch kind {
        case .element: false
        case .text(let text), .trusted(let text): text.isEmpty
        case .fragment(let nodes): nodes.allSatisfy(\.isEmpty)
        }
    }

    /// The node with `nodes` added before its children (an element), or before itself.
    func prepending(_ nodes: [HTMLNode]) -> HTMLNode {
        guard case .element(let name, let attributes, let children) = kind else { return .fragment(nodes + [self]) }
        return HTMLNode(kind: .element(name: name, attributes: attributes, children: nodes + children))
    }

    /// The node with `attribute` added (an element), or the node unchanged.
    func adding(_ attribute: Attribute) -> HTMLNode {
        guard case .element(let name, let attributes, let children) = kind else { return self }
        return HTMLNode(kind: .element(name: name, attributes: attributes + [attribute], children: children))
    }
}

extension HTMLNode.Attribute {
    /// `id="value"`.
    public static func id(_ value: String) -> Self { Self("id", value) }
    /// `href="value"` (the caller chooses a safe link: a fragment, or a relative path).
    public static func href(_ value: String) -> Self { Self("href", value) }
    /// `title="value"`.
    public static func title(_ value: String) -> Self { Self("title", value) }
}
