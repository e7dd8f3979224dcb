/// The link reference definitions that begin a paragraph of text (`[d]: https://…` then a line
/// of prose, no blank line between): cmark reads them and keeps the rest as the paragraph, whose
/// block then spans the definitions' lines too, so they are not the lines between blocks that
/// ``LinkReferenceDefinitions/add(lines:firstLine:)`` is given. GitHub applies them anywhere in
/// the file, as any other.
///
/// The lines are found with CommonMark's grammar for a definition (§4.7), read as cmark 0.30
/// reads a paragraph's content: a label of at most 999 characters with no unescaped bracket, a
/// `:`, a destination (`<…>` on one line, or characters other than spaces and controls with
/// balanced parentheses) after spaces and at most one line end, an optional title (`"…"`,
/// `'…'` or `(…)`) after spaces or a line end, then nothing but spaces to the end of the line;
/// a title followed by more text is dropped when the destination ends its line. The caller
/// checks the lines with cmark (they must parse to nothing), so a reading that differs from
/// cmark's adds no definition.
enum LeadingLinkDefinitions {
    /// How many of `lines` (a paragraph's lines, in order) are link reference definitions before
    /// its text. `isProtected` tells a line whose footnote definition was protected (it starts
    /// with `\[`, which no definition does).
    static func lineCount(in lines: ArraySlice<Substring>, isProtected: (Int) -> Bool) -> Int {
        guard let first = lines.first, startsLikeDefinition(first) else { return 0 }
        // The paragraph's content: its lines without their leading spaces and tabs.
        var content: [UInt8] = []
        var lineEnds: [Int] = []
        for (offset, line) in zip(lines.indices, lines) {
            if isProtected(offset) { break }
            content.append(contentsOf: line.utf8.drop { $0 == 0x20 || $0 == 0x09 })
            content.append(0x0A)
            lineEnds.append(content.count)
        }
        var position = 0
        while position < content.count, let end = definitionEnd(in: content, from: position) {
            position = end
        }
        return lineEnds.prefix { $0 <= position }.count
    }

    /// Whether `line` starts with at most three spaces and a `[`.
    static func startsLikeDefinition(_ line: Substring) -> Bool {
        let indent = line.utf8.prefix { $0 == 0x20 }.count
        return indent <= 3 && line.utf8.dropFirst(indent).first == UInt8(ascii: "[")
    }

    /// The offset after the line end that ends the definition at `start`, or nil when none
    /// starts there.
    static func definitionEnd(in bytes: [UInt8], from start: Int) -> Int? {
        var scanner = Scanner(bytes: bytes, position: start)
        guard scanner.label(), scanner.take(UInt8(ascii: ":")) else { return nil }
        scanner.skipSpacesAndOneLineEnd()
        guard scanner.destination() else { return nil }
        let beforeTitle = scanner.position
        scanner.skipSpacesAndOneLineEnd()
        if scanner.position > beforeTitle, scanner.title() {
            scanner.skipSpaces()
            if let end = scanner.lineEnd() { return end }
        }
        scanner.position = beforeTitle
        scanner.skipSpaces()
        return scanner.lineEnd()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var position: Int

        var current: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func take(_ byte: UInt8) -> Bool {
            guard current == byte else { return false }
            position += 1
            return true
        }

        mutating func skipSpaces() {
            while current == 0x20 || current == 0x09 { position += 1 }
        }

        mutating func skipSpacesAndOneLineEnd() {
            skipSpaces()
            if current == 0x0A {
                position += 1
                skipSpaces()
            }
        }

        /// The offset after the line end here (the end of the content counts as one).
        func lineEnd() -> Int? {
            guard let byte = current else { return position }
            return byte == 0x0A ? position + 1 : nil
        }

        /// `[label]`: not blank, no unescaped bracket, at most 999 bytes.
        mutating func label() -> Bool {
            guard take(UInt8(ascii: "[")) else { return false }
            let start = position
            var blank = true
            while let byte = current, byte != UInt8(ascii: "["), byte != UInt8(ascii: "]") {
                if atEscape {
                    position += 2
                    blank = false
                } else {
                    if !ByteSearch.isASCIIWhitespace(byte) { blank = false }
                    position += 1
                }
                if position - start > 999 { return false }
            }
            return take(UInt8(ascii: "]")) && !blank
        }

        /// `<…>` on one line, or a run without spaces or controls whose parentheses balance.
        mutating func destination() -> Bool {
            if take(UInt8(ascii: "<")) {
                while let byte = current {
                    switch byte {
                    case UInt8(ascii: ">"):
                        position += 1
                        return true
                    case UInt8(ascii: "\\") where atEscape:
                        position += 2
                    case 0x0A, UInt8(ascii: "<"):
                        return false
                    default:
                        position += 1
                    }
                }
                return false
            }
            let start = position
            var depth = 0
            while let byte = current, byte > 0x20, byte != 0x7F {
                if atEscape {
                    position += 2
                    continue
                }
                if byte == UInt8(ascii: "(") {
                    depth += 1
                    if depth > 32 { return false }
                } else if byte == UInt8(ascii: ")") {
                    if depth == 0 { break }
                    depth -= 1
                }
                position += 1
            }
            return position > start && depth == 0
        }

        /// `"…"`, `'…'` or `(…)`, whose closing character appears only escaped inside (and for
        /// `(…)`, no unescaped `(` either); it may span lines.
        mutating func title() -> Bool {
            guard let open = current else { return false }
            let close: UInt8
            switch open {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): close = open
            case UInt8(ascii: "("): close = UInt8(ascii: ")")
            default: return false
            }
            let start = position
            position += 1
            while let byte = current {
                if atEscape {
                    position += 2
                } else if byte == close {
                    position += 1
                    return true
                } else if open == UInt8(ascii: "("), byte == open {
                    break
                } else {
                    position += 1
                }
            }
            position = start
            return false
        }

        /// Whether a backslash here escapes the byte after it (ASCII punctuation).
        var atEscape: Bool {
            guard current == UInt8(ascii: "\\"), position + 1 < bytes.count else { return false }
            let next = bytes[position + 1]
            return (0x21...0x2F).contains(next) || (0x3A...0x40).contains(next) || (0x5B...0x60).contains(next)
                || (0x7B...0x7E).contains(next)
        }
    }
}
