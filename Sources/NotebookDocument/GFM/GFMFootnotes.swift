import CMark

/// GFM footnotes: `[^label]` refers to a definition `[^label]: text` (a paragraph of its own).
/// References become numbered superscript links in order of first use; the definitions move to
/// a `<section class="footnotes">` list at the end, each with a link back, as GitHub renders them
/// (ids prefixed `user-content-`). Unused definitions are dropped; an undefined `[^x]` stays text.
/// Limits: a definition is one paragraph, and it must be in the same prose block as its uses.
enum GFMFootnotes {
    /// The lines (1-based) of `markdown` that start like a footnote definition (at most three
    /// spaces, then `[^label]:`), with those spaces counted. Read on the bytes: only a line
    /// with a byte of 0x80 or more in or next to its label is read by `Character`s.
    static func definitionStarts(in markdown: String) -> [(line: Int, indent: Int)] {
        guard ByteSearch.contains("[^", in: markdown) else { return [] }
        var starts: [(line: Int, indent: Int)] = []
        var text = markdown
        text.withUTF8 { bytes in
            ByteSearch.forEachLine(in: bytes) { number, line in
                var spaces = 0
                while spaces < line.count, bytes[line.lowerBound + spaces] == 0x20 { spaces += 1 }
                let start = line.lowerBound + spaces
                guard spaces <= 3, line.upperBound - start >= 2, bytes[start] == 0x5B, bytes[start + 1] == 0x5E
                else { return }
                let found: Bool
                switch labelStart(in: UnsafeBufferPointer(rebasing: bytes[start..<line.upperBound])) {
                case .none: found = false
                case .label: found = true
                case .needsCharacters:
                    let utf8 = markdown.utf8
                    let lower = utf8.index(utf8.startIndex, offsetBy: start)
                    found =
                        labelOfCharacters(
                            atStartOf: markdown[lower..<utf8.index(lower, offsetBy: line.upperBound - start)]) != nil
                }
                if found { starts.append((number, spaces)) }
            }
        }
        return starts
    }

    /// `markdown` with a backslash before the `[` of each of `starts` (``definitionStarts(in:)``)
    /// that is not one of `verbatimLines` (lines of code and HTML blocks), so cmark keeps a
    /// one-word definition (`[^1]: word`) as a paragraph instead of reading it as a link
    /// reference definition.
    static func protecting(_ starts: [(line: Int, indent: Int)], in markdown: String, except verbatimLines: Set<Int>)
        -> String
    {
        var insertions = starts.filter { !verbatimLines.contains($0.line) }[...]
        guard !insertions.isEmpty else { return markdown }
        var text = markdown
        return text.withUTF8 { bytes in
            var protected: [UInt8] = []
            protected.reserveCapacity(bytes.count + insertions.count)
            var copied = 0
            ByteSearch.forEachLine(in: bytes) { number, line in
                guard let next = insertions.first, next.line == number else { return }
                insertions.removeFirst()
                let offset = line.lowerBound + next.indent
                protected.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<offset]))
                protected.append(UInt8(ascii: "\\"))
                copied = offset
            }
            protected.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return String(decoding: protected, as: UTF8.self)
        }
    }

    /// The label and the text after `[^label]:` at the start of `text`.
    static func label(atStartOf text: Substring) -> (label: String, rest: Substring)? {
        let start = text.utf8.withContiguousStorageIfAvailable(labelStart) ?? labelStart(in: Array(text.utf8))
        switch start {
        case .none: return nil
        case .needsCharacters: return labelOfCharacters(atStartOf: text)
        case .label(let label, let colon):
            let utf8 = text.utf8
            let labelText = text[
                utf8.index(
                    utf8.startIndex, offsetBy: label.lowerBound)..<utf8.index(
                        utf8.startIndex, offsetBy: label.upperBound)]
            return (
                String(labelText),
                text[utf8.index(utf8.startIndex, offsetBy: colon + 1)...].drop { $0 == " " || $0 == "\t" }
            )
        }
    }

    /// `[^label]:` at the start of some bytes, as far as bytes can tell.
    private enum LabelStart {
        case none
        /// The label is at `label` (after `[^`); the `:` after its `]` at `colon`.
        case label(Range<Int>, colon: Int)
        /// A byte of 0x80 or more before the `]`, or next to it (a combining mark joins the
        /// character before it): ``labelOfCharacters(atStartOf:)`` reads it.
        case needsCharacters
    }

    private static func labelStart(in bytes: UnsafeBufferPointer<UInt8>) -> LabelStart {
        guard bytes.count >= 2, bytes[0] == 0x5B, bytes[1] == 0x5E else { return .none }
        var close = 2
        while close < bytes.count, bytes[close] != 0x5D, bytes[close] < 0x80 { close += 1 }
        // No `]` and only ASCII: the characters hold no `]` either.
        guard close < bytes.count else { return .none }
        guard bytes[close] == 0x5D, !bytes[close..<min(close + 3, bytes.count)].contains(where: { $0 >= 0x80 }) else {
            return .needsCharacters
        }
        let colon = close + 1
        guard close > 2, !bytes[2..<close].contains(where: ByteSearch.isASCIIWhitespace), colon < bytes.count,
            bytes[colon] == 0x3A
        else { return .none }
        return .label(2..<close, colon: colon)
    }

    private static func labelStart(in bytes: [UInt8]) -> LabelStart {
        bytes.withUnsafeBufferPointer(labelStart)
    }

    /// ``label(atStartOf:)`` by characters (a combining mark may join `]` or `:`).
    private static func labelOfCharacters(atStartOf text: Substring) -> (label: String, rest: Substring)? {
        guard text.hasPrefix("[^"), let close = text.firstIndex(of: "]") else { return nil }
        let label = text[text.index(text.startIndex, offsetBy: 2)..<close]
        let after = text[text.index(after: close)...]
        guard !label.isEmpty, !label.contains(where: \.isWhitespace), after.hasPrefix(":") else { return nil }
        return (String(label), after.dropFirst().drop { $0 == " " || $0 == "\t" })
    }

    /// A definition, and from its first use on, its number and its label as an id.
    private struct Footnote {
        var paragraph: OpaquePointer
        var label: String
        /// 0 while unused.
        var number = 0
        var id = ""
    }

    static func apply(to document: OpaquePointer, markup: GFMMarkupTokens) {
        // One walk finds the paragraphs that start with a definition and the text that may
        // refer to one (a walk over a large tree is a cache miss per node).
        var definitionParagraphs: [OpaquePointer] = []
        var referenceTexts: [OpaquePointer] = []
        CMarkTree.visitNodes(under: document) { node in
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_PARAGRAPH {
                if let first = cmark_node_first_child(node), startsDefinition(first) {
                    definitionParagraphs.append(node)
                }
            } else if type == CMARK_NODE_TEXT, CMarkTree.literalContains(node, "[^") {
                referenceTexts.append(node)
            }
        }
        guard !definitionParagraphs.isEmpty else { return }
        // Definitions: paragraphs that start with `[^label]:`; the first of a label wins. The
        // others are freed once no text of theirs is looked at.
        var footnotes: [Footnote] = []
        var indexOfKey: [String: Int] = [:]
        var repeated: [OpaquePointer] = []
        defer { for paragraph in repeated { cmark_node_free(paragraph) } }
        for paragraph in definitionParagraphs.flatMap(splittingDefinitions) {
            guard let text = cmark_node_first_child(paragraph),
                let definition = label(atStartOf: Substring(CMarkTree.literal(text)))
            else { continue }
            let key = definition.label.lowercased()
            cmark_node_unlink(paragraph)
            guard indexOfKey[key] == nil else {
                repeated.append(paragraph)
                continue
            }
            cmark_node_set_literal(text, String(definition.rest))
            indexOfKey[key] = footnotes.count
            footnotes.append(Footnote(paragraph: paragraph, label: key))
        }
        guard !footnotes.isEmpty else { return }
        // References, numbered in order of first use: text still in the document (not in a
        // definition) and not in a link.
        var order: [Int] = []
        for node in referenceTexts where mayRefer(node, in: document) {
            let pieces = CMarkTree.withLiteralBytes(node) { bytes in
                referencePieces(in: bytes, footnotes: &footnotes, indexOfKey: indexOfKey, order: &order, markup: markup)
            }
            guard let pieces else { continue }
            CMarkTree.insert(pieces, before: node)
            cmark_node_free(node)
        }
        // The list at the end.
        var section: [OpaquePointer] = []
        if !order.isEmpty,
            let open = markup.node(
                CMARK_NODE_HTML_BLOCK, literal: "<section class=\"footnotes\">\n<ol>\n",
                tokens: [.start("section", [.attribute("class", "footnotes")]), .text("\n"), .start("ol"), .text("\n")])
        {
            section.append(open)
            for index in order {
                let footnote = footnotes[index]
                let back = "#user-content-fnref-" + footnote.id
                if let link = markup.node(
                    CMARK_NODE_HTML_INLINE, literal: " <a href=\"\(back)\">↩</a>",
                    tokens: [.text(" "), .start("a", [.attribute("href", back)]), .text("↩"), .endTag(name: "a")]),
                    cmark_node_append_child(footnote.paragraph, link) != 1
                {
                    cmark_node_free(link)
                }
                let id = "user-content-fn-" + footnote.id
                if let item = markup.node(
                    CMARK_NODE_HTML_BLOCK, literal: "<li id=\"\(id)\">\n",
                    tokens: [.start("li", [.attribute("id", id)]), .text("\n")])
                {
                    section.append(item)
                }
                section.append(footnote.paragraph)
                if let end = markup.node(
                    CMARK_NODE_HTML_BLOCK, literal: "</li>\n", tokens: [.endTag(name: "li"), .text("\n")])
                {
                    section.append(end)
                }
            }
            if let close = markup.node(
                CMARK_NODE_HTML_BLOCK, literal: "</ol>\n</section>\n",
                tokens: [.endTag(name: "ol"), .text("\n"), .endTag(name: "section"), .text("\n")])
            {
                section.append(close)
            }
        }
        for node in section where cmark_node_append_child(document, node) != 1 { cmark_node_free(node) }
        for footnote in footnotes where footnote.number == 0 { cmark_node_free(footnote.paragraph) }
    }

    /// The nodes that replace a text node of `bytes` whose `[^label]` references are to
    /// definitions: text, and a superscript link per reference (the first use of a label
    /// numbers it and holds its back link's target); nil when none is.
    ///
    /// A `]` is found on the bytes when the text is ASCII, else by `Character`s (a `]` that a
    /// combining mark joins closes no label).
    private static func referencePieces(
        in bytes: UnsafeBufferPointer<UInt8>, footnotes: inout [Footnote], indexOfKey: [String: Int],
        order: inout [Int], markup: GFMMarkupTokens
    ) -> [OpaquePointer]? {
        let characters: String? = bytes.allSatisfy { $0 < 0x80 } ? nil : String(decoding: bytes, as: UTF8.self)
        func close(after offset: Int) -> Int? {
            guard let characters else { return bytes[offset...].firstIndex(of: 0x5D) }
            let utf8 = characters.utf8
            return characters[utf8.index(utf8.startIndex, offsetBy: offset)...].firstIndex(of: "]").map {
                utf8.distance(from: utf8.startIndex, to: $0)
            }
        }
        var pieces: [OpaquePointer] = []
        var textStart = 0
        var position = 0
        while let found = ByteSearch.firstOffset(
            of: "[^", in: UnsafeBufferPointer(rebasing: bytes[position...])),
            let close = close(after: position + found + 2)
        {
            let open = position + found
            let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[(open + 2)..<close]), as: UTF8.self)
                .lowercased()
            guard let index = indexOfKey[key] else {
                position = open + 1
                continue
            }
            if open > textStart, let piece = CMarkTree.make(CMARK_NODE_TEXT, literal: bytes[textStart..<open]) {
                pieces.append(piece)
            }
            let firstUse = footnotes[index].number == 0
            if firstUse {
                order.append(index)
                footnotes[index].number = order.count
                footnotes[index].id = identifier(footnotes[index].label)
            }
            let footnote = footnotes[index]
            let target = "#user-content-fn-" + footnote.id
            var link = [HTMLAttribute(name: "href", value: target)]
            if firstUse { link.append(HTMLAttribute(name: "id", value: "user-content-fnref-" + footnote.id)) }
            let number = String(footnote.number)
            if let piece = markup.node(
                CMARK_NODE_HTML_INLINE, literal: referenceMarkup(link, number: number),
                tokens: [.start("sup"), .start("a", link), .text(number), .endTag(name: "a"), .endTag(name: "sup")])
            {
                pieces.append(piece)
            }
            position = close + 1
            textStart = position
        }
        guard textStart > 0 else {
            for piece in pieces { cmark_node_free(piece) }
            return nil
        }
        if textStart < bytes.count, let piece = CMarkTree.make(CMARK_NODE_TEXT, literal: bytes[textStart...]) {
            pieces.append(piece)
        }
        return pieces
    }

    /// `<sup><a ATTRIBUTES>NUMBER</a></sup>`: the attributes are a target and an id made of
    /// ``identifier(_:)``'s bytes, which need no escaping.
    private static func referenceMarkup(_ attributes: [HTMLAttribute], number: String) -> [UInt8] {
        var html: [UInt8] = []
        html.reserveCapacity(96)
        html += "<sup><a".utf8
        for attribute in attributes {
            html += " ".utf8
            html += attribute.name.utf8
            html += "=\"".utf8
            html += attribute.value.utf8
            html += "\"".utf8
        }
        html += ">".utf8
        html += number.utf8
        html += "</a></sup>".utf8
        return html
    }

    /// Whether a reference in `text` counts: `text` is in `document` (not in a definition taken
    /// out of it) and not in a link.
    private static func mayRefer(_ text: OpaquePointer, in document: OpaquePointer) -> Bool {
        var node = text
        while let parent = cmark_node_parent(node) {
            if cmark_node_get_type(parent) == CMARK_NODE_LINK { return false }
            node = parent
        }
        return node == document
    }

    /// Definitions on consecutive lines are one paragraph to cmark: `paragraph`, which starts
    /// with a definition, split at every line that starts another, and the paragraphs it was
    /// split into, in order. One pass over the children: each moves once, into the paragraph
    /// of the definition it belongs to.
    private static func splittingDefinitions(_ paragraph: OpaquePointer) -> [OpaquePointer] {
        var paragraphs = [paragraph]
        guard let first = cmark_node_first_child(paragraph) else { return paragraphs }
        var current = paragraph
        var child = cmark_node_next(first)
        while let node = child {
            child = cmark_node_next(node)
            if cmark_node_get_type(node) == CMARK_NODE_SOFTBREAK, let next = child, startsDefinition(next),
                let fresh = cmark_node_new(CMARK_NODE_PARAGRAPH)
            {
                guard cmark_node_insert_after(current, fresh) == 1 else {
                    cmark_node_free(fresh)
                    break
                }
                cmark_node_free(node)
                current = fresh
                paragraphs.append(fresh)
            } else if current != paragraph {
                _ = cmark_node_append_child(current, node)
            }
        }
        return paragraphs
    }

    /// Whether `node` is a text node that starts with `[^label]:`.
    private static func startsDefinition(_ node: OpaquePointer) -> Bool {
        guard cmark_node_get_type(node) == CMARK_NODE_TEXT else { return false }
        return CMarkTree.withLiteralBytes(node) { bytes in
            switch labelStart(in: bytes) {
            case .none: false
            case .label: true
            case .needsCharacters:
                labelOfCharacters(atStartOf: Substring(String(decoding: bytes, as: UTF8.self))) != nil
            }
        }
    }

    /// A label as an id: letters, digits, `-` and `_`; anything else becomes `-`.
    private static func identifier(_ label: String) -> String {
        if label.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: label.utf8.map { isIdentifierByte($0) ? $0 : 0x2D }, as: UTF8.self)
        }
        return String(label.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
    }

    /// An ASCII letter, digit, `-` or `_`.
    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F: true
        default: false
        }
    }
}
