import CMark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place that calls libcmark: parses Markdown, copies what the notebook model needs into
/// Swift values, and frees the C tree before returning.
enum CommonMarkConverter {
    /// A top-level block of the document, as cmark saw it.
    struct TopLevelBlock {
        enum Kind { case codeBlock, heading, other }
        var kind: Kind
        var startLine: Int
        var endLine: Int
        var fenceInfo: String
        var literal: String
        var headingLevel: Int
        var headingText: String
    }

    /// Parses `markdown` and lists its top-level blocks with their line ranges (1-based).
    static func topLevelBlocks(of markdown: String) -> [TopLevelBlock] {
        let bytes = Array(markdown.utf8)
        guard let document = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parse_document($0, buffer.count, CMARK_OPT_SOURCEPOS)
                }
            } ?? cmark_parse_document("", 0, CMARK_OPT_SOURCEPOS)
        }) else { return [] }
        defer { cmark_node_free(document) }
        var blocks: [TopLevelBlock] = []
        var child = cmark_node_first_child(document)
        while let node = child {
            let type = cmark_node_get_type(node)
            var block = TopLevelBlock(
                kind: .other, startLine: Int(cmark_node_get_start_line(node)),
                endLine: Int(cmark_node_get_end_line(node)), fenceInfo: "", literal: "", headingLevel: 0,
                headingText: "")
            if type == CMARK_NODE_CODE_BLOCK {
                block.kind = .codeBlock
                block.fenceInfo = string(cmark_node_get_fence_info(node))
                block.literal = string(cmark_node_get_literal(node))
            } else if type == CMARK_NODE_HEADING {
                block.kind = .heading
                block.headingLevel = Int(cmark_node_get_heading_level(node))
                block.headingText = plainText(of: node)
            }
            blocks.append(block)
            child = cmark_node_next(node)
        }
        return blocks
    }

    /// Renders Markdown to HTML with cmark's renderer. Raw HTML is kept (`CMARK_OPT_UNSAFE`); the
    /// caller must sanitise the result.
    static func html(from markdown: String) -> String {
        let bytes = Array(markdown.utf8)
        let rendered: UnsafeMutablePointer<CChar>? = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_markdown_to_html($0, buffer.count, CMARK_OPT_UNSAFE)
            }
        }
        guard let rendered else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// The text of a node's inline descendants, walked iteratively.
    private static func plainText(of root: OpaquePointer) -> String {
        var text = ""
        guard let iterator = cmark_iter_new(root) else { return text }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                text += string(cmark_node_get_literal(node))
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
