import CMark

/// GFM pipe tables. cmark reads a table as a paragraph of text lines; a paragraph whose line k is
/// a header row and line k+1 a delimiter row (`| :-- | :-: | --: |`) with as many cells becomes a
/// table (lines before k stay a paragraph). Cells split at unescaped pipes (`\|` is a pipe in the
/// cell, in code spans too), the leading and trailing pipe are optional, body rows are padded or
/// cut to the header's width, and each cell's text is rendered as inline Markdown.
enum GFMTable {
    /// A column's alignment, from the delimiter row's colons.
    enum Alignment: String {
        case none = ""
        case left, center, right
    }

    /// Replaces table paragraphs under `root` by HTML blocks. `lines` are the source lines cmark
    /// parsed, the first of them the tree's line `firstLine`; `inlineHTML` renders each of a list
    /// of cells' Markdown as inline HTML (all the cells of one table at once, so they can share
    /// one cmark document).
    static func apply(
        to root: OpaquePointer, lines: [Substring], firstLine: Int = 1, inlineHTML: ([String]) -> [String]
    ) {
        for paragraph in CMarkTree.nodes(under: root, ofType: [CMARK_NODE_PARAGRAPH.rawValue]) {
            let first = Int(cmark_node_get_start_line(paragraph)) - firstLine + 1
            let last = Int(cmark_node_get_end_line(paragraph)) - firstLine + 1
            guard last > first, first >= 1, last <= lines.count else { continue }
            let rows = sourceRows(
                lines[(first - 1)..<last], startColumn: Int(cmark_node_get_start_column(paragraph)),
                quoteDepth: CMarkTree.quoteDepth(of: paragraph))
            guard let header = headerIndex(in: rows), let alignments = delimiterAlignments(rows[header + 1]) else {
                continue
            }
            var html = ""
            // The text before the header, then every shown cell, row by row, rendered at once.
            var texts = header > 0 ? [rows[..<header].joined(separator: "\n")] : []
            for row in [rows[header]] + rows[(header + 2)...] {
                let shown = cells(of: row)
                for index in alignments.indices { texts.append(index < shown.count ? shown[index] : "") }
            }
            var rendered = inlineHTML(texts)[...]
            if header > 0 { html += "<p>" + (rendered.popFirst() ?? "") + "</p>\n" }
            html += table(rendered, rows: rows.count - header - 1, alignments: alignments)
            guard let block = CMarkTree.make(CMARK_NODE_HTML_BLOCK, literal: html) else { continue }
            CMarkTree.insert([block], before: paragraph)
            cmark_node_free(paragraph)
        }
    }

    /// The index of the first row followed by a delimiter row with as many cells.
    static func headerIndex(in rows: [String]) -> Int? {
        guard rows.count >= 2 else { return nil }
        for index in 0..<(rows.count - 1) {
            guard let alignments = delimiterAlignments(rows[index + 1]) else { continue }
            let header = rows[index]
            if cells(of: header).count == alignments.count, header.contains("|") || rows[index + 1].contains("|") {
                return index
            }
        }
        return nil
    }

    /// The alignments of a delimiter row, or nil when `row` is not one.
    static func delimiterAlignments(_ row: String) -> [Alignment]? {
        let parts = cells(of: row)
        guard !parts.isEmpty else { return nil }
        var alignments: [Alignment] = []
        for part in parts {
            let left = part.hasPrefix(":")
            let right = part.hasSuffix(":") && part.count > 1
            let dashes = part.dropFirst(left ? 1 : 0).dropLast(right ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            alignments.append(left && right ? .center : left ? .left : right ? .right : .none)
        }
        return alignments
    }

    /// A row's cells: split at unescaped pipes, the outer pipes dropped, each trimmed, `\|` → `|`.
    static func cells(of row: String) -> [String] {
        if let cells = asciiCells(ofRow: row) { return cells }
        var text = Substring(row.trimmingCharacters())
        if text.hasPrefix("|") { text = text.dropFirst() }
        if text.hasSuffix("|"), !text.hasSuffix("\\|") { text = text.dropLast() }
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiCells(of: text) }
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                current += character == "|" ? "|" : "\\" + String(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(current.trimmingCharacters())
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current += "\\" }
        cells.append(current.trimmingCharacters())
        return cells
    }

    /// ``cells(of:)`` of an ASCII row without carriage returns, entirely on its bytes (each byte
    /// is a `Character` there, so trimming spaces and tabs and finding the outer pipes on bytes
    /// is what the `Character` code does); nil for any other row.
    private static func asciiCells(ofRow row: String) -> [String]? {
        var row = row
        return row.withUTF8 { bytes -> [String]? in
            guard bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
            func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
            var start = 0
            var end = bytes.count
            while start < end, isBlank(bytes[start]) { start += 1 }
            while end > start, isBlank(bytes[end - 1]) { end -= 1 }
            if start < end, bytes[start] == UInt8(ascii: "|") { start += 1 }
            if end > start, bytes[end - 1] == UInt8(ascii: "|"),
                !(end - 2 >= start && bytes[end - 2] == UInt8(ascii: "\\"))
            {
                end -= 1
            }
            return splitCells(bytes[start..<end]) { (cell: [UInt8]) in
                var first = cell.startIndex
                var last = cell.endIndex
                while first < last, isBlank(cell[first]) { first += 1 }
                while last > first, isBlank(cell[last - 1]) { last -= 1 }
                return String(decoding: cell[first..<last], as: UTF8.self)
            }
        }
    }

    /// ``cells(of:)`` of an ASCII row (outer pipes already dropped), split on its bytes: each
    /// byte is a `Character` there.
    private static func asciiCells(of text: Substring) -> [String] {
        splitCells(text.utf8) { String(decoding: $0, as: UTF8.self).trimmingCharacters() }
    }

    /// The cells of a row's bytes between its outer pipes: split at unescaped pipes (`\|` is a
    /// pipe in the cell), each cell's bytes made a string by `text`.
    private static func splitCells(_ bytes: some Sequence<UInt8>, text: ([UInt8]) -> String) -> [String] {
        var cells: [String] = []
        var current: [UInt8] = []
        var escaped = false
        for byte in bytes {
            if escaped {
                if byte != UInt8(ascii: "|") { current.append(UInt8(ascii: "\\")) }
                current.append(byte)
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "|") {
                cells.append(text(current))
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(byte)
            }
        }
        if escaped { current.append(UInt8(ascii: "\\")) }
        cells.append(text(current))
        return cells
    }

    /// The paragraph's lines without their container prefixes: the first line from the
    /// paragraph's column, the others without indentation and block-quote markers.
    private static func sourceRows(_ lines: ArraySlice<Substring>, startColumn: Int, quoteDepth: Int) -> [String] {
        lines.enumerated().map { offset, line in
            if offset == 0 {
                let bytes = Array(line.utf8)
                return String(decoding: bytes.dropFirst(max(startColumn - 1, 0)), as: UTF8.self)
            }
            var rest = line.drop { $0 == " " || $0 == "\t" }
            for _ in 0..<quoteDepth where rest.first == ">" {
                rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
            }
            return String(rest)
        }
    }

    /// The table's HTML: `cells` (rendered, row by row, `alignments.count` per row) in `rows`
    /// rows, the first the header.
    private static func table(_ cells: ArraySlice<String>, rows: Int, alignments: [Alignment]) -> String {
        var cells = cells
        var html = "<table>\n<thead>\n" + row(&cells, tag: "th", alignments: alignments) + "</thead>\n"
        if rows > 1 {
            html += "<tbody>\n"
            for _ in 1..<rows { html += row(&cells, tag: "td", alignments: alignments) }
            html += "</tbody>\n"
        }
        return html + "</table>\n"
    }

    /// One row's HTML, its cells taken from the front of `cells`.
    private static func row(_ cells: inout ArraySlice<String>, tag: String, alignments: [Alignment]) -> String {
        var html = "<tr>\n"
        for alignment in alignments {
            let align = alignment == .none ? "" : " align=\"\(alignment.rawValue)\""
            html += "<\(tag)\(align)>" + (cells.popFirst() ?? "") + "</\(tag)>\n"
        }
        return html + "</tr>\n"
    }
}
