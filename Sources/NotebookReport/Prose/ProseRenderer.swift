import Foundation
import NotebookDocument

/// Renders one prose block of the notes: math taken out, Markdown through cmark
/// (``MarkdownRenderer``, inline expressions replaced by their values), its HTML's tokens
/// (told from cmark's tree) sanitised (``HTMLSanitizer``), then headings given anchors,
/// local images embedded (``ImageEmbedder``) and the math put back as MathML.
enum ProseRenderer {
    /// The HTML of `prose` (the sanitiser's serialised tokens); warnings and headings are recorded
    /// in `context`.
    ///
    /// - Parameter linkReferenceDefinitions: the document's link reference definitions
    ///   (``Notebook/linkReferenceDefinitions``): those `prose` mentions are read with it; none
    ///   for Markdown a cell displayed.
    static func node(
        _ prose: ProseBlock, linkReferenceDefinitions: LinkReferenceDefinitions = LinkReferenceDefinitions(),
        context: RenderContext
    ) -> HTMLNode {
        let math = MathExtractor(prose.markdown)
        let used = linkReferenceDefinitions.used(
            in: prose.markdown, outside: prose.range.startLine...prose.range.endLine)
        let definitions = context.carrying(used, to: prose.startLine)
        // The notebook's tree of the prose is its text's only while no math is taken out and no
        // definition is carried in.
        // cmark's HTML as tokens, told from its tree; the rendered text is tokenized only when
        // raw HTML in it leaves markup open.
        let rendered = MarkdownRenderer.tokens(
            math.markdown, inlineExpressions: prose.inlineExpressions.map(context.inlineReplacement(for:)),
            linkReferenceDefinitions: definitions.map(\.markdown).joined(separator: "\n\n"),
            tree: math.spans.isEmpty && used.isEmpty ? prose.parsedTree : nil,
            tokenizingRaw: HTMLTokenizer.tokenizeFragment)
        let htmlTokens: [HTMLToken]
        switch rendered {
        case .tokens(let tokens): htmlTokens = tokens
        case .html(let html): htmlTokens = HTMLTokenizer.tokenize(html)
        }
        let tokens = HTMLSanitizer.sanitize(tokens: htmlTokens)
        // Tokens are written as they come, except those of an open heading: its start tag gets
        // its `id` only at its end (the anchor comes from its text).
        let size = prose.markdown.utf8.count
        var html = MarkupBuffer(capacity: size + size / 2)
        var held: [SafeToken] = []
        var heading: (level: Int, text: String)?
        func write(_ token: SafeToken) {
            if heading != nil { held.append(token) } else { token.serialize(into: &html) }
        }
        for token in tokens {
            switch token {
            case .start(let name, let attributes):
                let attributes =
                    math.spans.isEmpty
                    ? attributes
                    : attributes.map { HTMLAttribute(name: $0.name, value: restoringSource(of: $0.value, math: math)) }
                if heading == nil, let level = headingLevel(name) {
                    heading = (level, "")
                    held = [.start(name: name, attributes: attributes)]
                } else if name == "img" {
                    for piece in ImageEmbedder.replace(
                        attributes: attributes, markdown: prose.markdown, startLine: prose.startLine, context: context)
                    {
                        write(piece)
                    }
                } else {
                    write(.start(name: name, attributes: attributes))
                }
            case .text(let text):
                if heading != nil { heading!.text += restoringSource(of: text, math: math) }
                if math.spans.isEmpty {
                    write(token)
                } else {
                    for piece in substitutingMath(in: text, math: math, context: context) { write(piece) }
                }
            case .end(let name):
                if let open = heading, name == "h\(open.level)" {
                    let text = collapsingWhitespace(open.text)
                    let anchor = context.headingAnchor(level: open.level, text: text)
                    if case .start(let name, var attributes) = held[0] {
                        attributes.append(HTMLAttribute(name: "id", value: anchor))
                        held[0] = .start(name: name, attributes: attributes)
                    }
                    heading = nil
                    SafeToken.serialize(held, into: &html)
                    held = []
                    html.append("<a class=\"heading-anchor\" href=\"#")
                    HTMLEscaping.appendEscaped(anchor, to: &html)
                    html.append("\" aria-label=\"link to this section\">#</a>")
                }
                write(token)
            case .trusted:
                write(token)
            }
        }
        // A heading the sanitiser left open (it never does) keeps its tokens, without an id.
        SafeToken.serialize(held, into: &html)
        return .trusted(html.string)
    }

    /// The level of a heading element's name (`h1`…`h6`; `h0` and `h7`… too, as the sanitiser
    /// never lets them through).
    static func headingLevel(_ name: String) -> Int? {
        var bytes = name.utf8.makeIterator()
        guard bytes.next() == UInt8(ascii: "h"), let digit = bytes.next(), bytes.next() == nil,
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit)
        else { return nil }
        return Int(digit - UInt8(ascii: "0"))
    }

    /// `text` with runs of white space made one space, and none at either end. ASCII text is
    /// done on its bytes.
    static func collapsingWhitespace(_ text: String) -> String {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if ByteSearch.isASCIIWhitespace(byte) {
                pendingSpace = !bytes.isEmpty
            } else {
                if pendingSpace { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `text` split at math placeholders, with the formulas as MathML (converted once per
    /// distinct formula of the page, ``MathMLCache``).
    private static func substitutingMath(in text: String, math: MathExtractor, context: RenderContext) -> [SafeToken] {
        guard !math.spans.isEmpty, ByteSearch.contains(math.marker, in: text) else { return [.text(text)] }
        var tokens: [SafeToken] = []
        var rest = Substring(text)
        while let range = math.firstMarker(in: rest) {
            let digits = rest[range.upperBound...].prefix(while: { $0.isASCII && $0.isNumber })
            let end = digits.endIndex
            guard let index = Int(digits), index < math.spans.count, end < rest.endIndex, rest[end] == "Q" else {
                tokens.append(.text(String(rest[..<range.upperBound])))
                rest = rest[range.upperBound...]
                continue
            }
            if range.lowerBound > rest.startIndex { tokens.append(.text(String(rest[..<range.lowerBound]))) }
            let span = math.spans[index]
            tokens.append(.trusted(context.mathML.node(span.tex, display: span.display)))
            rest = rest[rest.index(after: end)...]
        }
        if !rest.isEmpty { tokens.append(.text(String(rest))) }
        return tokens
    }

    /// `text` with math placeholders turned back into their `$…$` source (for attributes and
    /// heading anchors). One pass over the text: a heading per formula costs linear time, not
    /// one search per formula of the block for each heading.
    private static func restoringSource(of text: String, math: MathExtractor) -> String {
        guard !math.spans.isEmpty, ByteSearch.contains(math.marker, in: text) else { return text }
        var result = ""
        var rest = Substring(text)
        while let range = math.firstMarker(in: rest) {
            let digits = rest[range.upperBound...].prefix(while: { $0.isASCII && $0.isNumber })
            let end = digits.endIndex
            result += rest[..<range.lowerBound]
            guard let index = Int(digits), index < math.spans.count, end < rest.endIndex, rest[end] == "Q" else {
                result += rest[range]
                rest = rest[range.upperBound...]
                continue
            }
            let span = math.spans[index]
            let delimiter = span.display ? "$$" : "$"
            result += delimiter + span.tex + delimiter
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }
}
