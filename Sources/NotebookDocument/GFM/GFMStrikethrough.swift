import CMark

/// GFM strikethrough: `~~text~~` (or `~text~`) becomes `<del>text</del>`. Opener and closer are
/// runs of the same length (one or two tildes; longer runs are text), in the same parent; an
/// opener is not followed by white space and a closer not preceded by it. Code spans are left alone.
enum GFMStrikethrough {
    static func apply(to root: OpaquePointer, markup: GFMMarkupTokens) {
        let parents = CMarkTree.nodes(
            under: root,
            ofType: [
                CMARK_NODE_PARAGRAPH.rawValue, CMARK_NODE_HEADING.rawValue, CMARK_NODE_EMPH.rawValue,
                CMARK_NODE_STRONG.rawValue, CMARK_NODE_LINK.rawValue,
            ])
        for parent in parents { apply(inChildrenOf: parent, markup: markup) }
    }

    private struct Run {
        var node: OpaquePointer
        var offset: Int
        var length: Int
        var canOpen: Bool
        var canClose: Bool
    }

    private static func apply(inChildrenOf parent: OpaquePointer, markup: GFMMarkupTokens) {
        // Tilde runs in the text children, in order (byte offsets: `~` is one byte). The
        // children are walked in place: most parents have no tilde, and allocate nothing.
        var runs: [Run] = []
        var next = cmark_node_first_child(parent)
        while let child = next {
            next = cmark_node_next(child)
            guard cmark_node_get_type(child) == CMARK_NODE_TEXT, CMarkTree.literalContains(child, "~") else { continue }
            let text = UTF8Characters(CMarkTree.literal(child))
            var index = 0
            while index < text.count {
                guard text[index] == tilde else {
                    index += 1
                    continue
                }
                var end = index
                while end < text.count, text[end] == tilde { end += 1 }
                let length = end - index
                if length <= 2 {
                    runs.append(
                        Run(
                            node: child, offset: index, length: length,
                            canOpen: end == text.count || !UTF8Characters.isWhitespace(text.scalar(at: end).scalar),
                            canClose: index == 0
                                || !UTF8Characters.isWhitespace(text.scalar(at: text.scalarStart(before: index)).scalar)
                        ))
                }
                index = end
            }
        }
        // Pair each closer with the nearest earlier opener of the same length.
        var pairs: [(open: Run, close: Run)] = []
        var openers: [Run] = []
        for run in runs {
            if run.canClose, let match = openers.lastIndex(where: { $0.length == run.length }) {
                pairs.append((openers[match], run))
                openers.removeSubrange(match...)
            } else if run.canOpen {
                openers.append(run)
            }
        }
        guard !pairs.isEmpty else { return }
        // Split each text node at its paired runs.
        let marks = pairs.flatMap { [($0.open, true), ($0.close, false)] }
        var byNode: [OpaquePointer: [(Run, Bool)]] = [:]
        for mark in marks { byNode[mark.0.node, default: []].append(mark) }
        for (node, nodeMarks) in byNode {
            let text = UTF8Characters(CMarkTree.literal(node))
            var pieces: [OpaquePointer] = []
            var position = 0
            for (run, opens) in nodeMarks.sorted(by: { $0.0.offset < $1.0.offset }) {
                if run.offset > position, let piece = CMarkTree.text(text.string(position..<run.offset)) {
                    pieces.append(piece)
                }
                if let html = markup.node(
                    CMARK_NODE_HTML_INLINE, literal: opens ? "<del>" : "</del>",
                    tokens: [opens ? .start("del") : .endTag(name: "del")])
                {
                    pieces.append(html)
                }
                position = run.offset + run.length
            }
            if position < text.count, let piece = CMarkTree.text(text.string(position..<text.count)) {
                pieces.append(piece)
            }
            CMarkTree.insert(pieces, before: node)
            cmark_node_free(node)
        }
    }

    private static let tilde = UInt8(ascii: "~")
}
