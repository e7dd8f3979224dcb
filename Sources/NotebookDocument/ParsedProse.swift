import CMark
import Synchronization

/// cmark's tree of one prose block, kept from the parse of the whole notebook
/// (``NotebookParser``), so that rendering the block does not parse its text a second time.
///
/// The parser keeps a block's tree only where the two parses agree: no link reference definition
/// lies outside the block (the whole notebook's parse would resolve the block's references
/// against it; the block's own parse sees only the definitions the report carries to it). Both
/// parses protect footnote definitions the same way, so the text the tree was parsed from
/// (``text``) may differ from the block's Markdown. The report uses it
/// only when it would parse the block's text unchanged: no math taken out, no definitions
/// carried in. The tree's line numbers are the notebook file's.
///
/// The tree is given once (``take()``): the GitHub passes change it as they render. A block
/// rendered again, or copied and rendered twice, parses its text as before.
package final class ParsedProse: Sendable {
    /// The file's line that is line 1 of the block's text.
    package let firstLine: Int
    /// The text cmark parsed, when it is not the block's Markdown: its footnote definitions
    /// protected by a backslash (``GFMFootnotes/protecting(_:in:except:)``).
    package let text: String?
    private let document: Mutex<DocumentNode?>

    /// A cmark document node, owned by whoever holds it.
    private struct DocumentNode: @unchecked Sendable {
        var pointer: OpaquePointer
    }

    /// Takes ownership of `document` (a cmark document node) whose line numbers are the file's;
    /// the block's text starts at the file's line `firstLine`; `text` is what cmark parsed when
    /// it is not the block's Markdown.
    init(document: OpaquePointer, firstLine: Int, text: String? = nil) {
        self.firstLine = firstLine
        self.text = text
        self.document = Mutex(DocumentNode(pointer: document))
    }

    /// The tree, the first time; nil after. The caller owns it (and frees it with
    /// `cmark_node_free`).
    package func take() -> OpaquePointer? {
        document.withLock { node in
            defer { node = nil }
            return node?.pointer
        }
    }

    deinit {
        if let pointer = take() { cmark_node_free(pointer) }
    }
}
