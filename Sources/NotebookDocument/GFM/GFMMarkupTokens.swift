import CMark

/// The tokens of the raw HTML nodes the GitHub passes add, kept beside the tree: the report's
/// reader of the tree (``CMarkHTMLTokens``) takes them as they are instead of tokenizing each
/// node's literal again (a footnote makes four such nodes).
///
/// A node's cmark user data is the number (from 1) of its tokens here; cmark leaves it NULL on
/// the nodes it makes. The node's literal is still its HTML: cmark's renderer writes it when the
/// report reads the rendered HTML instead, and the tokens are those the report's tokenizer
/// reads from it (`RenderedTokensTests` compares the two).
final class GFMMarkupTokens {
    private var entries: [[HTMLToken]] = []

    /// A new raw HTML node of `type` (`CMARK_NODE_HTML_BLOCK` or `CMARK_NODE_HTML_INLINE`)
    /// whose literal is `literal` and whose tokens are `tokens`.
    func node(_ type: cmark_node_type, literal: String, tokens: [HTMLToken]) -> OpaquePointer? {
        remember(tokens, for: CMarkTree.make(type, literal: literal))
    }

    /// ``node(_:literal:tokens:)`` with the literal's UTF-8 bytes.
    func node(_ type: cmark_node_type, literal: some Collection<UInt8>, tokens: [HTMLToken]) -> OpaquePointer? {
        remember(tokens, for: CMarkTree.make(type, literal: literal))
    }

    /// The tokens of `node` when a pass made it here; nil for any other node.
    func tokens(of node: OpaquePointer) -> [HTMLToken]? {
        guard let data = cmark_node_get_user_data(node) else { return nil }
        let number = Int(bitPattern: data)
        guard number >= 1, number <= entries.count else { return nil }
        return entries[number - 1]
    }

    private func remember(_ tokens: [HTMLToken], for node: OpaquePointer?) -> OpaquePointer? {
        guard let node else { return nil }
        entries.append(tokens)
        cmark_node_set_user_data(node, UnsafeMutableRawPointer(bitPattern: entries.count))
        return node
    }
}

extension HTMLToken {
    /// A start tag that is not self-closing.
    static func start(_ name: String, _ attributes: [HTMLAttribute] = []) -> HTMLToken {
        .startTag(name: name, attributes: attributes, selfClosing: false)
    }
}

extension HTMLAttribute {
    /// An attribute, for the markup the passes make.
    static func attribute(_ name: String, _ value: String) -> HTMLAttribute {
        HTMLAttribute(name: name, value: value)
    }
}
