import CMark

/// GFM strikethrough: `~~text~~` (or `~text~`) becomes `<del>text</del>`. Opener and closer are
/// runs of the same length (one or two tildes; longer runs are text), in the same parent; an
/// opener is not followed by white space and a closer not preceded by it. Code spans are left alone.
enum GFMStrikethrough {
    static func apply(to root: OpaquePointer) {
        let parents = CMarkTree.nodes(
            under: root,
            ofType: [
                CMARK_NODE_PARAGRAPH.rawValue, CMARK_NODE_HEADING.rawValue, CMARK_NODE_EMPH.rawValue,
                CMARK_NODE_STRONG.rawValue, CMARK_NODE_LINK.rawValue,
            ])
        for parent in parents { apply(inChildrenOf: parent) }
    }

    private struct Run {
        var node: OpaquePointer
        var offset: Int
        var length: Int
        var canOpen: Bool
        var canClose: Bool
    }

    private static func apply(inChildrenOf parent: OpaquePointer) {
        // Tilde runs in the text children, in order (byte offsets: `~` is one byte).
        var runs: [Run] = []
        for child in CMarkTree.children(of: parent) where cmark_node_get_type(child) == CMARK_NODE_TEXT {
            guard CMarkTree.literalContains(child, "~") else { continue }
            let bytes = Array(CMarkTree.literal(child).utf8)
            var index = 0
            while index < bytes.count {
                guard bytes[index] == tilde else {
                    index += 1
                    continue
                }
                var end = index
                while end < bytes.count, bytes[end] == tilde { end += 1 }
                let length = end - index
                if length <= 2 {
                    runs.append(
                        Run(
                            node: child, offset: index, length: length,
                            canOpen: end == bytes.count || !isWhitespace(scalarStartingAt: end, in: bytes),
                            canClose: index == 0 || !isWhitespace(scalarEndingAt: index, in: bytes)))
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
        let marks = pairs.flatMap { [($0.open, "<del>"), ($0.close, "</del>")] }
        var byNode: [OpaquePointer: [(Run, String)]] = [:]
        for mark in marks { byNode[mark.0.node, default: []].append(mark) }
        for (node, nodeMarks) in byNode {
            let bytes = Array(CMarkTree.literal(node).utf8)
            var pieces: [OpaquePointer] = []
            var position = 0
            for (run, tag) in nodeMarks.sorted(by: { $0.0.offset < $1.0.offset }) {
                if run.offset > position,
                    let text = CMarkTree.text(String(decoding: bytes[position..<run.offset], as: UTF8.self))
                {
                    pieces.append(text)
                }
                if let html = CMarkTree.make(CMARK_NODE_HTML_INLINE, literal: tag) { pieces.append(html) }
                position = run.offset + run.length
            }
            if position < bytes.count, let text = CMarkTree.text(String(decoding: bytes[position...], as: UTF8.self)) {
                pieces.append(text)
            }
            CMarkTree.insert(pieces, before: node)
            cmark_node_free(node)
        }
    }

    private static let tilde = UInt8(ascii: "~")

    /// Whether the scalar whose UTF-8 starts at `start` in `bytes` is white space.
    private static func isWhitespace(scalarStartingAt start: Int, in bytes: [UInt8]) -> Bool {
        let byte = bytes[start]
        if byte < 0x80 { return byte == 0x20 || (0x09...0x0D).contains(byte) }
        var iterator = bytes[start...].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return false }
        return scalar.properties.isWhitespace
    }

    /// Whether the scalar whose UTF-8 ends just before `end` in `bytes` is white space.
    private static func isWhitespace(scalarEndingAt end: Int, in bytes: [UInt8]) -> Bool {
        var start = end - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return isWhitespace(scalarStartingAt: start, in: bytes)
    }
}
