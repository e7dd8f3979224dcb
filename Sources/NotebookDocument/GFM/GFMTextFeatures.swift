import CMark

/// What the text nodes of a parsed document hold that a GFM pass looks for, found in one walk:
/// a pass whose pattern is in no text node has nothing to do and skips its own walk over the
/// tree. Found after cmark's text nodes are consolidated: the passes then only split and trim
/// text nodes, and merge back pieces of one, so a pattern that no text holds before them is in
/// none after them.
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

    /// The features of the text nodes under `root`, in one walk.
    /// When the walk cannot be made, every pass runs.
    init(under root: OpaquePointer) {
        let walked = CMarkTree.visitNodes(under: root) { node in
            if cmark_node_get_type(node) == CMARK_NODE_TEXT { CMarkTree.withLiteralBytes(node) { add($0) } }
        }
        if !walked { (footnotes, taskMarkers, alertMarkers, tildes, autolinks) = (true, true, true, true, true) }
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
