import CMark

/// What the text nodes of a parsed document hold that a GFM pass looks for, found in one walk:
/// a pass whose pattern is in no text node has nothing to do and skips its own walk over the
/// tree. The same walk consolidates the text nodes (cmark splits text at `[`, `]`, `!` and
/// other delimiters): the passes then only split and trim text nodes, so a pattern that no text
/// holds before them is in none after them.
///
/// A walk over a large tree costs more than its instructions: cmark's nodes are scattered over
/// tens of megabytes, and each one visited is a cache miss. The walks are kept few.
struct GFMTextFeatures {
    /// `[^`: footnote references and definitions.
    var footnotes = false
    /// `[ ]`, `[x]` or `[X]`: task list markers.
    var taskMarkers = false
    /// `[!`: alert markers.
    var alertMarkers = false
    /// `~`: strikethrough.
    var tildes = false
    /// `http://`, `https://` or `www.` (in any case): autolinks.
    var autolinks = false

    /// The features of the text nodes under `root`, found as they are consolidated: each run of
    /// text siblings becomes its first node, holding the run's text, as
    /// `cmark_consolidate_text_nodes` makes it (but for the node's end column, which nothing
    /// reads).
    init(consolidatingTextUnder root: OpaquePointer) {
        var node: OpaquePointer? = root
        var merged: [UInt8] = []
        while let current = node {
            if cmark_node_get_type(current) == CMARK_NODE_TEXT {
                if let next = cmark_node_next(current), cmark_node_get_type(next) == CMARK_NODE_TEXT {
                    merged.removeAll(keepingCapacity: true)
                    CMarkTree.withLiteralBytes(current) { merged.append(contentsOf: $0) }
                    var sibling: OpaquePointer? = next
                    while let text = sibling, cmark_node_get_type(text) == CMARK_NODE_TEXT {
                        CMarkTree.withLiteralBytes(text) { merged.append(contentsOf: $0) }
                        sibling = cmark_node_next(text)
                        cmark_node_free(text)
                    }
                    CMarkTree.setLiteral(of: current, to: merged)
                }
                CMarkTree.withLiteralBytes(current) { add($0) }
            }
            node = CMarkTree.next(after: current, under: root)
        }
    }

    private mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        if !autolinks, !GFMAutolink.candidateOffsets(in: bytes).isEmpty { autolinks = true }
        for (offset, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "~") {
                tildes = true
                continue
            }
            guard byte == UInt8(ascii: "["), offset + 1 < bytes.count else { continue }
            switch bytes[offset + 1] {
            case UInt8(ascii: "^"): footnotes = true
            case UInt8(ascii: "!"): alertMarkers = true
            case UInt8(ascii: " "), UInt8(ascii: "x"), UInt8(ascii: "X"):
                if offset + 2 < bytes.count, bytes[offset + 2] == UInt8(ascii: "]") { taskMarkers = true }
            default: break
            }
        }
    }
}
