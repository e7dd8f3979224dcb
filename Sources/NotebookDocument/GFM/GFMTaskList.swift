import CMark

/// GFM task list items: a list item whose paragraph starts with `[ ]`, `[x]` or `[X]` and a
/// space gets a disabled checkbox in place of the marker, as GitHub shows it.
enum GFMTaskList {
    static func apply(to root: OpaquePointer, markup: GFMMarkupTokens) {
        for item in CMarkTree.nodes(under: root, ofType: [CMARK_NODE_ITEM.rawValue]) {
            guard let paragraph = cmark_node_first_child(item), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH
            else { continue }
            apply(toFirstParagraph: paragraph, markup: markup)
        }
    }

    /// The pass for `paragraph` alone: it holds a marker only as the first child of a list item.
    static func apply(toParagraph paragraph: OpaquePointer, markup: GFMMarkupTokens) {
        guard let item = cmark_node_parent(paragraph), cmark_node_get_type(item) == CMARK_NODE_ITEM,
            cmark_node_first_child(item) == paragraph
        else { return }
        apply(toFirstParagraph: paragraph, markup: markup)
    }

    /// A checkbox for the marker that starts `paragraph`, a list item's first child.
    private static func apply(toFirstParagraph paragraph: OpaquePointer, markup: GFMMarkupTokens) {
        guard let text = cmark_node_first_child(paragraph), cmark_node_get_type(text) == CMARK_NODE_TEXT,
            // Only a text that starts with `[` can hold a marker: no string for the others.
            CMarkTree.literalHasPrefix(text, "[")
        else { return }
        let literal = CMarkTree.literal(text)
        let checked: Bool
        if literal.hasPrefix("[ ]") {
            checked = false
        } else if literal.hasPrefix("[x]") || literal.hasPrefix("[X]") {
            checked = true
        } else {
            return
        }
        let rest = literal.dropFirst(3)
        guard
            rest.isEmpty
                ? cmark_node_next(text) == nil || isBreak(cmark_node_next(text))
                : rest.first == " " || rest.first == "\t"
        else { return }
        let box =
            checked
            ? "<input type=\"checkbox\" disabled=\"\" checked=\"\" />"
            : "<input type=\"checkbox\" disabled=\"\" />"
        var attributes = [HTMLAttribute(name: "type", value: "checkbox"), HTMLAttribute(name: "disabled", value: "")]
        if checked { attributes.append(HTMLAttribute(name: "checked", value: "")) }
        guard
            let input = markup.node(
                CMARK_NODE_HTML_INLINE, literal: box,
                tokens: [.startTag(name: "input", attributes: attributes, selfClosing: true)])
        else { return }
        CMarkTree.insert([input], before: text)
        cmark_node_set_literal(text, String(rest))
    }

    private static func isBreak(_ node: OpaquePointer?) -> Bool {
        guard let node else { return true }
        let type = cmark_node_get_type(node)
        return type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK
    }
}
