import CMark

/// GFM footnotes: `[^label]` refers to a definition `[^label]: text` (a paragraph of its own).
/// References become numbered superscript links in order of first use; the definitions move to
/// a `<section class="footnotes">` list at the end, each with a link back, as GitHub renders them
/// (ids prefixed `user-content-`). Unused definitions are dropped; an undefined `[^x]` stays text.
/// Limits: a definition is one paragraph, and it must be in the same prose block as its uses.
enum GFMFootnotes {
    /// The lines (1-based) of `markdown` that start like a footnote definition (at most three
    /// spaces, then `[^label]:`), with those spaces counted.
    static func definitionStarts(in markdown: String) -> [(line: Int, indent: Int)] {
        guard ByteSearch.contains("[^", in: markdown) else { return [] }
        var starts: [(line: Int, indent: Int)] = []
        for (offset, line) in ByteSearch.lines(of: markdown).enumerated() {
            // Bytes first: a definition's line starts with at most three spaces and `[^`.
            let spaces = line.utf8.prefix { $0 == 0x20 }.count
            guard spaces <= 3, line.utf8.dropFirst(spaces).starts(with: "[^".utf8) else { continue }
            let indent = line.prefix { $0 == " " }.count
            guard indent <= 3, label(atStartOf: line.dropFirst(indent)) != nil else { continue }
            starts.append((offset + 1, indent))
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
        let lines = ByteSearch.lines(of: markdown)
        var protected = lines.map(String.init)
        for (line, indent) in starts where !verbatimLines.contains(line) {
            let text = lines[line - 1]
            protected[line - 1] = String(text.prefix(indent)) + "\\" + text.dropFirst(indent)
        }
        return protected.joined(separator: "\n")
    }

    /// The label and the text after `[^label]:` at the start of `text`.
    static func label(atStartOf text: Substring) -> (label: String, rest: Substring)? {
        let utf8 = text.utf8
        guard utf8.starts(with: "[^".utf8) else { return nil }
        // ASCII up to the byte after `]:`: each byte is a character, so bytes can be compared.
        let labelStart = utf8.index(utf8.startIndex, offsetBy: 2)
        guard let close = utf8[labelStart...].firstIndex(where: { $0 == 0x5D || $0 >= 0x80 }), utf8[close] == 0x5D,
            utf8[close...].prefix(3).allSatisfy({ $0 < 0x80 })
        else { return labelOfCharacters(atStartOf: text) }
        let label = utf8[labelStart..<close]
        let colon = utf8.index(after: close)
        guard !label.isEmpty, !label.contains(where: ByteSearch.isASCIIWhitespace),
            colon != utf8.endIndex, utf8[colon] == 0x3A
        else { return nil }
        return (String(text[labelStart..<close]), text[utf8.index(after: colon)...].drop { $0 == " " || $0 == "\t" })
    }

    /// ``label(atStartOf:)`` by characters (a combining mark may join `]` or `:`).
    private static func labelOfCharacters(atStartOf text: Substring) -> (label: String, rest: Substring)? {
        guard text.hasPrefix("[^"), let close = text.firstIndex(of: "]") else { return nil }
        let label = text[text.index(text.startIndex, offsetBy: 2)..<close]
        let after = text[text.index(after: close)...]
        guard !label.isEmpty, !label.contains(where: \.isWhitespace), after.hasPrefix(":") else { return nil }
        return (String(label), after.dropFirst().drop { $0 == " " || $0 == "\t" })
    }

    static func apply(to document: OpaquePointer) {
        splitDefinitionParagraphs(under: document)
        // Definitions: paragraphs that start with `[^label]:`.
        var definitions: [String: OpaquePointer] = [:]
        for paragraph in CMarkTree.nodes(under: document, ofType: [CMARK_NODE_PARAGRAPH.rawValue]) {
            guard let text = cmark_node_first_child(paragraph), cmark_node_get_type(text) == CMARK_NODE_TEXT,
                CMarkTree.literalHasPrefix(text, "[^"),
                let definition = label(atStartOf: Substring(CMarkTree.literal(text)))
            else { continue }
            let key = definition.label.lowercased()
            cmark_node_unlink(paragraph)
            guard definitions[key] == nil else {
                cmark_node_free(paragraph)
                continue
            }
            cmark_node_set_literal(text, String(definition.rest))
            definitions[key] = paragraph
        }
        guard !definitions.isEmpty else { return }
        // References, numbered in order of first use.
        var order: [String] = []
        var numbers: [String: Int] = [:]
        for node in CMarkTree.nodes(under: document, ofType: [CMARK_NODE_TEXT.rawValue])
        where CMarkTree.literalContains(node, "[^") && !CMarkTree.hasAncestor(node, ofType: CMARK_NODE_LINK) {
            let text = CMarkTree.literal(node)
            var pieces: [OpaquePointer] = []
            var rest = Substring(text)
            var changed = false
            while let open = ByteSearch.firstRange(of: "[^", in: rest),
                let close = rest[open.upperBound...].firstIndex(of: "]")
            {
                let key = rest[open.upperBound..<close].lowercased()
                guard definitions[key] != nil else {
                    if let piece = CMarkTree.text(String(rest[..<rest.index(after: open.lowerBound)])) {
                        pieces.append(piece)
                    }
                    rest = rest[rest.index(after: open.lowerBound)...]
                    continue
                }
                changed = true
                if open.lowerBound > rest.startIndex, let piece = CMarkTree.text(String(rest[..<open.lowerBound])) {
                    pieces.append(piece)
                }
                let firstUse = numbers[key] == nil
                if firstUse {
                    order.append(key)
                    numbers[key] = order.count
                }
                let number = numbers[key] ?? 0
                let id = identifier(key)
                let anchor = firstUse ? " id=\"user-content-fnref-\(id)\"" : ""
                let html = "<sup><a href=\"#user-content-fn-\(id)\"\(anchor)>\(number)</a></sup>"
                if let piece = CMarkTree.make(CMARK_NODE_HTML_INLINE, literal: html) { pieces.append(piece) }
                rest = rest[rest.index(after: close)...]
            }
            guard changed else {
                for piece in pieces { cmark_node_free(piece) }
                continue
            }
            if !rest.isEmpty, let piece = CMarkTree.text(String(rest)) { pieces.append(piece) }
            CMarkTree.insert(pieces, before: node)
            cmark_node_free(node)
        }
        // The list at the end.
        var section: [OpaquePointer] = []
        if !order.isEmpty,
            let open = CMarkTree.make(CMARK_NODE_HTML_BLOCK, literal: "<section class=\"footnotes\">\n<ol>\n")
        {
            section.append(open)
            for key in order {
                guard let paragraph = definitions.removeValue(forKey: key) else { continue }
                let id = identifier(key)
                if let back = CMarkTree.make(
                    CMARK_NODE_HTML_INLINE, literal: " <a href=\"#user-content-fnref-\(id)\">↩</a>"),
                    cmark_node_append_child(paragraph, back) != 1
                {
                    cmark_node_free(back)
                }
                if let item = CMarkTree.make(CMARK_NODE_HTML_BLOCK, literal: "<li id=\"user-content-fn-\(id)\">\n") {
                    section.append(item)
                }
                section.append(paragraph)
                if let end = CMarkTree.make(CMARK_NODE_HTML_BLOCK, literal: "</li>\n") { section.append(end) }
            }
            if let close = CMarkTree.make(CMARK_NODE_HTML_BLOCK, literal: "</ol>\n</section>\n") {
                section.append(close)
            }
        }
        for node in section where cmark_node_append_child(document, node) != 1 { cmark_node_free(node) }
        for paragraph in definitions.values { cmark_node_free(paragraph) }
    }

    /// Definitions on consecutive lines are one paragraph to cmark: split a paragraph that starts
    /// with a definition at every line that starts another. One pass over the children: each
    /// moves once, into the paragraph of the definition it belongs to.
    private static func splitDefinitionParagraphs(under document: OpaquePointer) {
        for paragraph in CMarkTree.nodes(under: document, ofType: [CMARK_NODE_PARAGRAPH.rawValue]) {
            guard let first = cmark_node_first_child(paragraph), startsDefinition(first) else { continue }
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
                } else if current != paragraph {
                    _ = cmark_node_append_child(current, node)
                }
            }
        }
    }

    /// Whether `node` is a text node that starts with `[^label]:`.
    private static func startsDefinition(_ node: OpaquePointer) -> Bool {
        cmark_node_get_type(node) == CMARK_NODE_TEXT && CMarkTree.literalHasPrefix(node, "[^")
            && label(atStartOf: Substring(CMarkTree.literal(node))) != nil
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
