import CMark

/// GitHub alerts: a block quote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
/// `[!WARNING]` or `[!CAUTION]` (any case) becomes a callout, as GitHub renders it:
/// `<div class="markdown-alert markdown-alert-note"><p class="markdown-alert-title">Note</p>…</div>`.
enum GFMAlert {
    /// The alert kinds, as written in the marker.
    static let kinds = ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"]

    static func apply(to root: OpaquePointer, markup: GFMMarkupTokens) {
        for quote in CMarkTree.nodes(under: root, ofType: [CMARK_NODE_BLOCK_QUOTE.rawValue]) {
            guard let paragraph = cmark_node_first_child(quote), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
                let first = cmark_node_first_child(paragraph), cmark_node_get_type(first) == CMARK_NODE_TEXT
            else { continue }
            let marker = CMarkTree.literal(first).trimmingCharacters()
            guard marker.hasPrefix("[!"), marker.hasSuffix("]"),
                let kind = kinds.first(where: { marker.dropFirst(2).dropLast().uppercased() == $0 })
            else { continue }
            let next = cmark_node_next(first)
            if let next, cmark_node_get_type(next) != CMARK_NODE_SOFTBREAK,
                cmark_node_get_type(next) != CMARK_NODE_LINEBREAK
            {
                continue
            }
            // Drop the marker line; an empty first paragraph goes too.
            if let next { cmark_node_free(next) }
            cmark_node_free(first)
            if cmark_node_first_child(paragraph) == nil { cmark_node_free(paragraph) }
            let name = kind.lowercased()
            let title = String(kind.prefix(1) + kind.dropFirst().lowercased())
            let open =
                "<div class=\"markdown-alert markdown-alert-\(name)\">\n<p class=\"markdown-alert-title\">\(title)</p>\n"
            guard
                let start = markup.node(
                    CMARK_NODE_HTML_BLOCK, literal: open,
                    tokens: [
                        .start("div", [.attribute("class", "markdown-alert markdown-alert-\(name)")]), .text("\n"),
                        .start("p", [.attribute("class", "markdown-alert-title")]), .text(title), .endTag(name: "p"),
                        .text("\n"),
                    ]),
                let end = markup.node(
                    CMARK_NODE_HTML_BLOCK, literal: "</div>\n", tokens: [.endTag(name: "div"), .text("\n")])
            else { continue }
            CMarkTree.insert([start], before: quote)
            CMarkTree.insert(CMarkTree.children(of: quote), before: quote)
            CMarkTree.insert([end], before: quote)
            cmark_node_free(quote)
        }
    }
}
