import CMark

/// The tokens of the HTML that cmark's renderer (`cmark_render_html`, cmark 0.30, raw HTML kept,
/// no source positions) writes for a tree, built from the tree without the HTML being written and
/// tokenized again: the report's sanitiser reads these.
///
/// They are the tokens the report's tokenizer reads from the rendered text: the same tags and
/// attributes (an `href` or `src` is the renderer's percent-encoding of the URL,
/// ``percentEncoded(_:)``), text as it is before the renderer escapes it, the line feeds the
/// renderer puts between blocks (one before a block unless the output ends with one), tight list
/// items without `<p>`, an image's children as its `alt` text, and each run of text between two
/// tags one token. Raw HTML (HTML blocks, inline HTML, the markup the GitHub passes add as such
/// nodes) is tokenized by the caller.
package enum CMarkHTMLTokens {
    /// The tokens of `root`'s HTML; nil when they cannot be told: `tokenizingRaw` gave nil for a
    /// piece of raw HTML (its tokens depend on what follows it), or the tree holds a node the
    /// renderer hands to an extension (a custom block or inline).
    ///
    /// - Parameter markup: the tokens of the HTML nodes the GitHub passes added.
    /// - Parameter enteringLeaf: called with each paragraph and heading, in document order, as
    ///   the walk enters it and before its children are read (it may change them); called for
    ///   every one even when the tokens cannot be told, so the caller can render the tree.
    /// - Parameter tokenizingRaw: the tokens of other raw HTML as a fragment, or nil.
    static func tokens(
        of root: OpaquePointer, markup: GFMMarkupTokens = GFMMarkupTokens(),
        enteringLeaf: ((OpaquePointer) -> Void)? = nil, tokenizingRaw: ([UInt8]) -> [HTMLToken]?
    ) -> [HTMLToken]? {
        guard let iterator = cmark_iter_new(root) else {
            if let enteringLeaf {
                CMarkTree.nodes(under: root, ofType: [CMARK_NODE_PARAGRAPH.rawValue, CMARK_NODE_HEADING.rawValue])
                    .forEach(enteringLeaf)
            }
            return nil
        }
        defer { cmark_iter_free(iterator) }
        var output = Output()
        // False once the tokens cannot be told: the walk goes on for `enteringLeaf` alone.
        var told = true
        // The image whose children are being read as its `alt` text, and that text.
        var image: OpaquePointer?
        var alt: [UInt8] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { return told ? output.finish() : nil }
            guard let node = cmark_iter_get_node(iterator) else { return nil }
            let entering = event == CMARK_EVENT_ENTER
            let type = cmark_node_get_type(node)
            if entering, let enteringLeaf, type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING {
                enteringLeaf(node)
                // The iterator chose the next node before the children changed: choose again.
                cmark_iter_reset(iterator, node, CMARK_EVENT_ENTER)
            }
            guard told else { continue }
            if let current = image {
                if node != current {
                    switch type {
                    case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
                        CMarkTree.withLiteralBytes(node) { alt.append(contentsOf: $0) }
                    case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: alt.append(UInt8(ascii: " "))
                    default: break
                    }
                    continue
                }
                image = nil
            }
            switch type {
            case CMARK_NODE_IMAGE where entering:
                image = node
                alt = []
            case CMARK_NODE_IMAGE:
                var attributes = [
                    HTMLAttribute(name: "src", value: percentEncoded(bytes(cmark_node_get_url(node)))),
                    HTMLAttribute(name: "alt", value: String(decoding: alt, as: UTF8.self)),
                ]
                let title = CMarkTree.string(cmark_node_get_title(node))
                if !title.isEmpty { attributes.append(HTMLAttribute(name: "title", value: title)) }
                output.tag(.startTag(name: "img", attributes: attributes, selfClosing: true))
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                let block = type == CMARK_NODE_HTML_BLOCK
                if block { output.lineBreak() }
                let (tokens, last) = CMarkTree.withLiteralBytes(node) { html in
                    (markup.tokens(of: node) ?? tokenizingRaw(Array(html)), html.last)
                }
                guard let tokens else {
                    told = false
                    continue
                }
                output.raw(tokens, endsWithLineFeed: last.map { $0 == UInt8(ascii: "\n") })
                if block { output.lineBreak() }
            default:
                if !output.write(node, type: type, entering: entering) { told = false }
            }
        }
    }

    /// The tokens so far, the text since the last tag, and what the next line feed depends on.
    private struct Output {
        var tokens: [HTMLToken] = []
        /// The text since the last tag, as UTF-8 (one token once a tag comes).
        var text: [UInt8] = []
        /// Whether anything was written.
        var started = false
        /// Whether what was written ends with a line feed.
        var endsWithLineFeed = false

        mutating func append(text bytes: UnsafeBufferPointer<UInt8>) {
            guard let last = bytes.last else { return }
            text.append(contentsOf: bytes)
            started = true
            endsWithLineFeed = last == UInt8(ascii: "\n")
        }

        mutating func lineFeed() {
            text.append(UInt8(ascii: "\n"))
            started = true
            endsWithLineFeed = true
        }

        /// A line feed unless nothing was written or it ends with one (cmark's `cr`).
        mutating func lineBreak() {
            if started, !endsWithLineFeed { lineFeed() }
        }

        mutating func tag(_ token: HTMLToken) {
            flushText()
            tokens.append(token)
            started = true
            endsWithLineFeed = false
        }

        mutating func start(_ name: String, _ attributes: [HTMLAttribute] = []) {
            tag(.startTag(name: name, attributes: attributes, selfClosing: false))
        }

        mutating func end(_ name: String) {
            tag(.endTag(name: name))
        }

        /// Raw HTML's tokens: its text joins the text around it. `rawEndsWithLineFeed` is nil for
        /// an empty literal, which leaves the output as it was.
        mutating func raw(_ rawTokens: [HTMLToken], endsWithLineFeed rawEndsWithLineFeed: Bool?) {
            for token in rawTokens {
                if case .text(let content) = token {
                    text.append(contentsOf: content.utf8)
                } else {
                    flushText()
                    tokens.append(token)
                }
            }
            if let rawEndsWithLineFeed {
                started = true
                endsWithLineFeed = rawEndsWithLineFeed
            }
        }

        mutating func flushText() {
            guard !text.isEmpty else { return }
            tokens.append(.text(String(decoding: text, as: UTF8.self)))
            text.removeAll(keepingCapacity: true)
        }

        mutating func finish() -> [HTMLToken] {
            flushText()
            return tokens
        }

        /// Writes the tokens the renderer writes for `node` on entering or leaving it (raw HTML
        /// and images are the caller's); false for a node it does not know.
        mutating func write(_ node: OpaquePointer, type: cmark_node_type, entering: Bool) -> Bool {
            switch type {
            case CMARK_NODE_DOCUMENT:
                break
            case CMARK_NODE_BLOCK_QUOTE:
                lineBreak()
                if entering { start("blockquote") } else { end("blockquote") }
                lineFeed()
            case CMARK_NODE_LIST:
                let name = cmark_node_get_list_type(node) == CMARK_BULLET_LIST ? "ul" : "ol"
                if entering {
                    lineBreak()
                    let first = cmark_node_get_list_start(node)
                    start(name, name == "ol" && first != 1 ? [HTMLAttribute(name: "start", value: String(first))] : [])
                } else {
                    end(name)
                }
                lineFeed()
            case CMARK_NODE_ITEM:
                if entering {
                    lineBreak()
                    start("li")
                } else {
                    end("li")
                    lineFeed()
                }
            case CMARK_NODE_HEADING:
                let name = CMarkHTMLTokens.headingNames[min(max(Int(cmark_node_get_heading_level(node)), 0), 9)]
                if entering {
                    lineBreak()
                    start(name)
                } else {
                    end(name)
                    lineFeed()
                }
            case CMARK_NODE_CODE_BLOCK:
                lineBreak()
                let info = CMarkHTMLTokens.bytes(cmark_node_get_fence_info(node))
                let word = info.prefix { !ByteSearch.isASCIIWhitespace($0) }
                start("pre")
                start(
                    "code",
                    info.isEmpty
                        ? []
                        : [HTMLAttribute(name: "class", value: "language-" + String(decoding: word, as: UTF8.self))])
                CMarkTree.withLiteralBytes(node) { append(text: $0) }
                end("code")
                end("pre")
                lineFeed()
            case CMARK_NODE_THEMATIC_BREAK:
                lineBreak()
                tag(.startTag(name: "hr", attributes: [], selfClosing: true))
                lineFeed()
            case CMARK_NODE_PARAGRAPH:
                let grandparent = cmark_node_parent(node).flatMap(cmark_node_parent)
                if let list = grandparent, cmark_node_get_type(list) == CMARK_NODE_LIST,
                    cmark_node_get_list_tight(list) != 0
                {
                    break
                }
                if entering {
                    lineBreak()
                    start("p")
                } else {
                    end("p")
                    lineFeed()
                }
            case CMARK_NODE_TEXT:
                CMarkTree.withLiteralBytes(node) { append(text: $0) }
            case CMARK_NODE_LINEBREAK:
                tag(.startTag(name: "br", attributes: [], selfClosing: true))
                lineFeed()
            case CMARK_NODE_SOFTBREAK:
                lineFeed()
            case CMARK_NODE_CODE:
                start("code")
                CMarkTree.withLiteralBytes(node) { append(text: $0) }
                end("code")
            case CMARK_NODE_STRONG:
                if entering { start("strong") } else { end("strong") }
            case CMARK_NODE_EMPH:
                if entering { start("em") } else { end("em") }
            case CMARK_NODE_LINK:
                guard entering else {
                    end("a")
                    break
                }
                var attributes = [
                    HTMLAttribute(
                        name: "href",
                        value: CMarkHTMLTokens.percentEncoded(CMarkHTMLTokens.bytes(cmark_node_get_url(node))))
                ]
                let title = CMarkTree.string(cmark_node_get_title(node))
                if !title.isEmpty { attributes.append(HTMLAttribute(name: "title", value: title)) }
                start("a", attributes)
            default:
                return false
            }
            return true
        }
    }

    /// `h0` to `h9`: the heading tags, made once.
    private static let headingNames = (0...9).map { "h\($0)" }

    /// `url` as cmark writes it in an `href` or `src`, read back: bytes outside its safe set
    /// percent-encoded (`&` and `'` are kept: cmark writes them as character references).
    static func percentEncoded(_ url: [UInt8]) -> String {
        func kept(_ byte: UInt8) -> Bool {
            isHrefSafe(byte) || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "'")
        }
        guard !url.allSatisfy(kept) else { return String(decoding: url, as: UTF8.self) }
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        encoded.reserveCapacity(url.count * 3)
        for byte in url {
            if kept(byte) {
                encoded.append(byte)
            } else {
                encoded += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// cmark's `HREF_SAFE`: ASCII letters and digits and `-_.+!*(),%#@?=;:/$~`.
    private static func isHrefSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-_.+!*(),%#@?=;:/$~".utf8.contains(byte)
        }
    }

    /// The bytes of a C string (none for NULL).
    static func bytes(_ string: UnsafePointer<CChar>?) -> [UInt8] {
        CMarkTree.withBytes(of: string) { Array($0) }
    }
}
