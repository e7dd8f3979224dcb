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
        var startColumn: Int = 1
        var endColumn: Int = 1
        var fenceInfo: String
        var literal: String
        var headingLevel: Int
        var headingText: String
        /// The code spans that hold inline expressions (`` `{swift} expr` ``), in document order.
        var inlineCodeSpans: [InlineCodeSpan] = []
        /// The block's node in ``ParsedDocument/root``.
        var node: OpaquePointer
    }

    /// A parsed document, freed with its last reference (blocks moved out of it are not).
    final class ParsedDocument {
        let root: OpaquePointer

        init(root: OpaquePointer) {
            self.root = root
        }

        deinit {
            cmark_node_free(root)
        }
    }

    /// A code span whose text starts with ``InlineExpression/marker``; positions are cmark's
    /// (the content between the backticks).
    struct InlineCodeSpan {
        var literal: String
        var start: TextPosition
        var end: TextPosition
    }

    /// Parses `markdown` with its footnote definitions protected, as the report parses prose
    /// (``parseProtectingFootnoteDefinitions(_:)``), and lists its top-level blocks with their
    /// line ranges (1-based) and columns in `markdown`, the document they are in, and the lines
    /// that were protected.
    static func topLevelBlocks(of markdown: String) -> (
        blocks: [TopLevelBlock], document: ParsedDocument?, protectedLines: [ProtectedLine]
    ) {
        guard let (document, _, protectedLines) = parseProtectingFootnoteDefinitions(markdown) else {
            return ([], nil, [])
        }
        let parsed = ParsedDocument(root: document)
        // The columns of `markdown`: a protected line's characters after its backslash are one
        // column further right in the parsed text.
        let backslashColumns = Dictionary(
            protectedLines.map { ($0.line, $0.indent + 1) }, uniquingKeysWith: { first, _ in first })
        func column(_ column: Int32, line: Int32) -> Int {
            guard let backslash = backslashColumns[Int(line)], Int(column) > backslash else { return Int(column) }
            return Int(column) - 1
        }
        // A code span's literal is its source text (line endings made spaces): without the
        // marker in the text, no block has an inline expression to look for.
        let mayHoldInlineExpressions = ByteSearch.contains(InlineExpression.marker, in: markdown)
        var blocks: [TopLevelBlock] = []
        var child = cmark_node_first_child(document)
        while let node = child {
            let type = cmark_node_get_type(node)
            var block = TopLevelBlock(
                kind: .other, startLine: Int(cmark_node_get_start_line(node)),
                endLine: Int(cmark_node_get_end_line(node)), fenceInfo: "", literal: "", headingLevel: 0,
                headingText: "", node: node)
            block.startColumn = column(cmark_node_get_start_column(node), line: cmark_node_get_start_line(node))
            block.endColumn = column(cmark_node_get_end_column(node), line: cmark_node_get_end_line(node))
            if type == CMARK_NODE_CODE_BLOCK {
                block.kind = .codeBlock
                block.fenceInfo = CMarkTree.string(cmark_node_get_fence_info(node))
                block.literal = CMarkTree.literal(node)
            } else if type == CMARK_NODE_HEADING {
                block.kind = .heading
                block.headingLevel = Int(cmark_node_get_heading_level(node))
                block.headingText = plainText(of: node)
            }
            if block.kind != .codeBlock, mayHoldInlineExpressions {
                block.inlineCodeSpans = inlineCodeSpans(in: node).map { span in
                    var span = span
                    span.start.column = column(Int32(span.start.column), line: Int32(span.start.line))
                    span.end.column = column(Int32(span.end.column), line: Int32(span.end.line))
                    return span
                }
            }
            blocks.append(block)
            child = cmark_node_next(node)
        }
        return (blocks, parsed, protectedLines)
    }

    /// A new document holding `nodes` (top-level blocks of one document, in order), moved out of
    /// theirs; nil when cmark cannot make it (the nodes then stay where they are).
    static func document(movingOut nodes: [OpaquePointer]) -> OpaquePointer? {
        guard let document = cmark_node_new(CMARK_NODE_DOCUMENT) else { return nil }
        for node in nodes {
            cmark_node_unlink(node)
            if cmark_node_append_child(document, node) != 1 {
                cmark_node_free(node)
            }
        }
        return document
    }

    /// Renders Markdown to HTML with cmark's renderer and GitHub's extensions (``GFMExtensions``),
    /// the k-th inline-expression code span replaced by `inlineReplacements[k]` (spans past the
    /// end are left as they are). Raw HTML is kept (`CMARK_OPT_UNSAFE`); the caller must sanitise
    /// the result.
    ///
    /// - Parameter tree: cmark's tree of `markdown` from the notebook's parse (``ParsedProse``);
    ///   when it is given and not yet taken, `markdown` is not parsed again.
    static func html(
        from markdown: String, inlineReplacements: [InlineReplacement] = [], tree: ParsedProse? = nil
    ) -> String {
        withRenderableDocument(of: markdown, inlineReplacements: inlineReplacements, tree: tree) { document, _ in
            render(document)
        } ?? ""
    }

    /// The tokens of ``html(from:inlineReplacements:tree:)`` (``CMarkHTMLTokens``), or, when
    /// they cannot be told without it, the HTML.
    static func tokens(
        from markdown: String, inlineReplacements: [InlineReplacement] = [], tree: ParsedProse? = nil,
        tokenizingRaw: ([UInt8]) -> [HTMLToken]?
    ) -> RenderedMarkdown {
        withRenderableDocument(
            of: markdown, inlineReplacements: inlineReplacements, tree: tree, passesInLeaves: true
        ) { document, markup in
            CMarkHTMLTokens.tokens(
                of: document, markup: markup, enteringLeaf: { GFMExtensions.applyInLeaf($0, markup: markup) },
                tokenizingRaw: tokenizingRaw
            ).map(RenderedMarkdown.tokens) ?? .html(render(document))
        } ?? .tokens([])
    }

    /// Calls `body` with the document of `markdown` (from `tree` or parsed, inline expressions
    /// replaced, GitHub's extensions applied) and the tokens of the HTML nodes they added, then
    /// frees it; nil when cmark cannot parse. With `passesInLeaves`, only the document-wide
    /// extensions are applied: `body` applies the others to each paragraph and heading
    /// (``GFMExtensions/applyDocumentWide(to:text:firstLine:replacesText:inlineHTML:markup:)``).
    private static func withRenderableDocument<Result>(
        of markdown: String, inlineReplacements: [InlineReplacement], tree: ParsedProse?, passesInLeaves: Bool = false,
        _ body: (OpaquePointer, GFMMarkupTokens) -> Result
    ) -> Result? {
        let document: OpaquePointer
        let text: String
        var firstLine = 1
        if let tree, let kept = tree.take() {
            (document, text, firstLine) = (kept, tree.text ?? markdown, tree.firstLine)
        } else {
            guard let parsed = parseProtectingFootnoteDefinitions(markdown) else { return nil }
            (document, text, _) = parsed
        }
        defer { cmark_node_free(document) }
        if !inlineReplacements.isEmpty { replaceInlineExpressions(in: document, with: inlineReplacements) }
        let markup = GFMMarkupTokens()
        if passesInLeaves {
            GFMExtensions.applyDocumentWide(
                to: document, text: text, firstLine: firstLine, replacesText: !inlineReplacements.isEmpty,
                inlineHTML: inlineHTML(ofEach:), markup: markup)
        } else {
            GFMExtensions.apply(
                to: document, text: text, firstLine: firstLine, inlineHTML: inlineHTML(ofEach:), markup: markup)
        }
        return body(document, markup)
    }

    /// A table cell's Markdown as inline HTML (GFM's inline extensions applied); text that cmark
    /// would read as a block other than a paragraph is shown as it is.
    static func inlineHTML(of markdown: String) -> String {
        guard !markdown.isEmpty, let document = parse(markdown) else { return "" }
        defer { cmark_node_free(document) }
        guard let paragraph = cmark_node_first_child(document), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH,
            cmark_node_next(paragraph) == nil
        else {
            return markdown.htmlEscaped
        }
        GFMExtensions.applyInline(to: document)
        return paragraphContent(render(paragraph))
    }

    /// ``inlineHTML(of:)`` of each of `cells`, with one cmark document for all the one-line
    /// cells (one paragraph each, a blank line apart) instead of one per cell. A paragraph cannot
    /// cross a blank line, so a cell that cmark reads as a paragraph alone is the same paragraph
    /// there; when any is not (a heading, a fence, a link reference definition, an HTML block),
    /// the document has other blocks than one paragraph per cell's line, and every cell is
    /// rendered alone.
    static func inlineHTML(ofEach cells: [String]) -> [String] {
        var results = [String](repeating: "", count: cells.count)
        var shared: [Int] = []
        var text = ""
        for (index, cell) in cells.enumerated() where !cell.isEmpty {
            guard !cell.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else {
                results[index] = inlineHTML(of: cell)
                continue
            }
            if !shared.isEmpty { text += "\n\n" }
            text += cell
            shared.append(index)
        }
        guard !shared.isEmpty, let document = parse(text) else { return results }
        defer { cmark_node_free(document) }
        var paragraphs: [OpaquePointer] = []
        var child = cmark_node_first_child(document)
        while let node = child, paragraphs.count < shared.count, cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH {
            let line = Int32(2 * paragraphs.count + 1)
            guard cmark_node_get_start_line(node) == line, cmark_node_get_end_line(node) == line else { break }
            paragraphs.append(node)
            child = cmark_node_next(node)
        }
        guard child == nil, paragraphs.count == shared.count else {
            for index in shared { results[index] = inlineHTML(of: cells[index]) }
            return results
        }
        GFMExtensions.applyInline(to: document)
        for (index, paragraph) in zip(shared, paragraphs) { results[index] = paragraphContent(render(paragraph)) }
        return results
    }

    /// A rendered paragraph without its `<p>` and `</p>`.
    private static func paragraphContent(_ rendered: String) -> String {
        var html = rendered
        if html.hasPrefix("<p>") { html.removeFirst(3) }
        if html.hasSuffix("</p>\n") { html.removeLast(5) }
        return html
    }

    /// A line whose footnote definition got a backslash (1-based), and the spaces before it.
    typealias ProtectedLine = (line: Int, indent: Int)

    /// `markdown` with its footnote definitions outside code and HTML blocks protected
    /// (``GFMFootnotes/protecting(_:in:except:)``), its cmark document, and the lines protected.
    ///
    /// A backslash before a definition's `[` changes no block boundary (such a line neither
    /// starts nor ends a code or HTML block), so the document with every definition-like line
    /// protected tells which of them are in code or HTML blocks. Only when one is, the text is
    /// protected again without it and parsed a second time.
    private static func parseProtectingFootnoteDefinitions(_ markdown: String) -> (
        document: OpaquePointer, text: String, protectedLines: [ProtectedLine]
    )? {
        let starts = GFMFootnotes.definitionStarts(in: markdown)
        guard !starts.isEmpty else { return parse(markdown).map { ($0, markdown, []) } }
        let protected = GFMFootnotes.protecting(starts, in: markdown, except: [])
        guard let document = parse(protected) else { return nil }
        let verbatim = verbatimLines(in: document)
        guard starts.contains(where: { verbatim.contains($0.line) }) else { return (document, protected, starts) }
        cmark_node_free(document)
        let exact = GFMFootnotes.protecting(starts, in: markdown, except: verbatim)
        return parse(exact).map { ($0, exact, starts.filter { !verbatim.contains($0.line) }) }
    }

    /// The lines (1-based) of code and HTML blocks anywhere under `document`.
    private static func verbatimLines(in document: OpaquePointer) -> Set<Int> {
        var lines = Set<Int>()
        for node in CMarkTree.nodes(
            under: document, ofType: [CMARK_NODE_CODE_BLOCK.rawValue, CMARK_NODE_HTML_BLOCK.rawValue])
        {
            let first = Int(cmark_node_get_start_line(node))
            let last = Int(cmark_node_get_end_line(node))
            if first <= last { lines.formUnion(first...last) }
        }
        return lines
    }

    /// Whether cmark makes no block of `markdown` (it holds only link reference definitions and
    /// blank lines).
    static func readsNothingBut(_ markdown: String) -> Bool {
        guard let document = parse(markdown) else { return false }
        defer { cmark_node_free(document) }
        return cmark_node_first_child(document) == nil
    }

    private static func parse(_ markdown: String) -> OpaquePointer? {
        let bytes = Array(markdown.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parse_document($0, buffer.count, CMARK_OPT_SOURCEPOS)
                }
            } ?? cmark_parse_document("", 0, CMARK_OPT_SOURCEPOS)
        }
    }

    private static func render(_ node: OpaquePointer) -> String {
        guard let rendered = cmark_render_html(node, CMARK_OPT_UNSAFE) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// Replaces inline-expression code spans under `root`, in document order: by a text node
    /// (cmark escapes its text) or by a code span with other text.
    private static func replaceInlineExpressions(in root: OpaquePointer, with replacements: [InlineReplacement]) {
        let spans = CMarkTree.nodes(under: root, ofType: [CMARK_NODE_CODE.rawValue]).filter {
            InlineExpression.code(inCodeSpan: CMarkTree.literal($0)) != nil
        }
        for (node, replacement) in zip(spans, replacements) {
            switch replacement {
            case .code(let text):
                cmark_node_set_literal(node, text)
            case .text(let text):
                guard let textNode = cmark_node_new(CMARK_NODE_TEXT) else { continue }
                cmark_node_set_literal(textNode, text)
                if cmark_node_insert_before(node, textNode) == 1 {
                    cmark_node_free(node)
                } else {
                    cmark_node_free(textNode)
                }
            }
        }
    }

    /// The inline-expression code spans under `root`, walked iteratively.
    private static func inlineCodeSpans(in root: OpaquePointer) -> [InlineCodeSpan] {
        var spans: [InlineCodeSpan] = []
        CMarkTree.visitNodes(under: root) { node in
            guard cmark_node_get_type(node) == CMARK_NODE_CODE else { return }
            let literal = CMarkTree.literal(node)
            guard InlineExpression.code(inCodeSpan: literal) != nil else { return }
            spans.append(
                InlineCodeSpan(
                    literal: literal,
                    start: TextPosition(
                        line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node))),
                    end: TextPosition(
                        line: Int(cmark_node_get_end_line(node)), column: Int(cmark_node_get_end_column(node)))))
        }
        return spans
    }

    /// The text of a node's inline descendants, walked iteratively.
    private static func plainText(of root: OpaquePointer) -> String {
        var text = ""
        CMarkTree.visitNodes(under: root) { node in
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                text += CMarkTree.literal(node)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text
    }
}
