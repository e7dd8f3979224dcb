import NotebookDocument

/// Finds the TeX math of Markdown prose (`$…$` inline, `$$…$$` display) before cmark sees it, and
/// replaces each span with a placeholder that cmark leaves alone, so emphasis rules never touch
/// math (`$h_t$ and $s_t$` stays two formulas, not italics).
///
/// Not math: anything in code spans or fenced code, an escaped `\$`, a `$` followed by a space,
/// and a `$` with no closing `$` on its line (`costs $5`). A closing `$` must not follow a space
/// nor be followed by a digit (pandoc's rules).
struct MathExtractor {
    /// One formula.
    struct Span: Equatable {
        /// The TeX between the dollars.
        var tex: String
        /// Whether it was `$$…$$`.
        var display: Bool
    }

    /// The Markdown with placeholders.
    private(set) var markdown = ""
    /// The formulas, in order: placeholder `i` stands for `spans[i]`.
    private(set) var spans: [Span] = []
    /// The placeholder prefix: letters that do not occur in the input.
    let marker: String

    /// The placeholder text for span `index`: `marker`, the index, and `marker`'s last letter.
    func placeholder(_ index: Int) -> String { "\(marker)\(index)Q" }

    /// The first occurrence of ``marker`` in `text`, found on its UTF-8 bytes.
    func firstMarker(in text: Substring) -> Range<Substring.Index>? {
        ByteSearch.firstRange(of: marker, in: text)
    }

    /// Extracts the math of `source`, in one pass over its UTF-8 bytes (a `Character` array of
    /// the text made a megabyte of prose cost a fifth of a second here). The delimiters are
    /// ASCII; ``UTF8Characters`` makes the scan see the same `Character`s the rules speak of.
    init(_ source: String) {
        var marker = "MATHPHQ"
        while ByteSearch.contains(marker, in: source) { marker += "Q" }
        self.marker = marker
        // Without a dollar there is no math, and the scan below would copy the text unchanged.
        guard ByteSearch.contains("$", in: source) else {
            markdown = source
            return
        }
        let text = UTF8Characters(source)
        var output: [UInt8] = []
        output.reserveCapacity(text.count + text.count / 16)
        var fence: (character: UInt8, length: Int)?
        var paragraph: Range<Int>?
        func flush() {
            if let range = paragraph {
                extractInline(text, range, into: &output)
                paragraph = nil
            }
        }
        var lineStart = 0
        while lineStart <= text.count {
            var lineEnd = lineStart
            while lineEnd < text.count, !text.isCharacter(UInt8(ascii: "\n"), at: lineEnd) { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            let line = lineStart..<lineEnd
            let trimmed = skip(text, from: lineStart, to: lineEnd, while: [0x20, 0x09, UInt8(ascii: ">")])
            if let open = fence {
                append(text, line, to: &output)
                let run = skip(text, from: trimmed, to: lineEnd, while: [open.character]) - trimmed
                if run >= open.length, text.bytes[(trimmed + run)..<lineEnd].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    fence = nil
                }
                continue
            }
            let listless = skip(text, from: trimmed, to: lineEnd, while: Self.listMarkerBytes)
            if listless < lineEnd,
                text.bytes[listless] == UInt8(ascii: "`") || text.bytes[listless] == UInt8(ascii: "~"),
                text.isCharacter(at: listless)
            {
                let first = text.bytes[listless]
                let run = skip(text, from: listless, to: lineEnd, while: [first]) - listless
                if run >= 3 {
                    flush()
                    fence = (first, run)
                    append(text, line, to: &output)
                    continue
                }
            }
            if text.bytes[line].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                flush()
                append(text, line, to: &output)
            } else {
                paragraph = (paragraph?.lowerBound ?? lineStart)..<lineEnd
            }
        }
        flush()
        markdown = String(decoding: output, as: UTF8.self)
    }

    /// What may come before a fence on a list item's line.
    private static let listMarkerBytes = Array("-*+0123456789.) \t".utf8)

    /// Appends the line `range` of `text`, after a line break unless it is the first line.
    private func append(_ text: UTF8Characters, _ range: Range<Int>, to output: inout [UInt8]) {
        if range.lowerBound > 0 { output.append(UInt8(ascii: "\n")) }
        output += text.bytes[range]
    }

    /// The offset of the first `Character` from `start` (before `end`) that is not one of the
    /// ASCII `bytes`.
    private func skip(_ text: UTF8Characters, from start: Int, to end: Int, while bytes: [UInt8]) -> Int {
        var index = start
        while index < end, bytes.contains(text.bytes[index]), text.isCharacter(at: index) { index += 1 }
        return index
    }

    /// Replaces the math of one paragraph (`range` of `text`: lines without a blank one) and
    /// appends the result (after a line break unless it is the first line).
    private mutating func extractInline(_ text: UTF8Characters, _ range: Range<Int>, into result: inout [UInt8]) {
        if range.lowerBound > 0 { result.append(UInt8(ascii: "\n")) }
        let end = range.upperBound
        var copied = range.lowerBound
        var index = range.lowerBound
        func replace(upTo start: Int, with span: Span, resumingAt next: Int) {
            result += text.bytes[copied..<start]
            result += placeholder(spans.count).utf8
            spans.append(span)
            index = next
            copied = next
        }
        // Closers searched for in vain: none follows later openers either, so each kind is
        // searched to the paragraph's end at most once (a paragraph of unclosed "`" or "$$"
        // stays linear).
        var backtickRunsWithoutCloser: Set<Int> = []
        var displayWithoutCloser = false
        while index < end {
            let byte = text.bytes[index]
            guard byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "`") || byte == UInt8(ascii: "$"),
                text.isCharacter(at: index)
            else {
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\\") {
                // The escaped character's other scalars (combining marks) are never delimiters.
                index = index + 1 < end ? text.scalarEnd(from: index + 1) : end
                continue
            }
            if byte == UInt8(ascii: "`") {
                let run = backtickRun(text, at: index, end: end)
                if !backtickRunsWithoutCloser.contains(run),
                    let close = closingBackticks(text, from: index + run, end: end, length: run)
                {
                    index = close + run
                } else {
                    backtickRunsWithoutCloser.insert(run)
                    index += run
                }
                continue
            }
            if text.isCharacter(UInt8(ascii: "$"), at: index + 1), index + 1 < end {
                let close = displayWithoutCloser ? nil : closingDisplay(text, from: index + 2, end: end)
                if close == nil { displayWithoutCloser = true }
                if let close, close > index + 2 {
                    replace(
                        upTo: index, with: Span(tex: text.string((index + 2)..<close), display: true),
                        resumingAt: close + 2)
                    continue
                }
                index += 2
                continue
            }
            if let close = closingDollar(text, from: index + 1, end: end) {
                replace(
                    upTo: index, with: Span(tex: text.string((index + 1)..<close), display: false),
                    resumingAt: close + 1)
                continue
            }
            index += 1
        }
        result += text.bytes[copied..<end]
    }

    /// The number of backticks (each a `Character`) from `start`.
    private func backtickRun(_ text: UTF8Characters, at start: Int, end: Int) -> Int {
        var index = start
        while index < end, text.isCharacter(UInt8(ascii: "`"), at: index) { index += 1 }
        return index - start
    }

    private func closingBackticks(_ text: UTF8Characters, from start: Int, end: Int, length: Int) -> Int? {
        var index = start
        while index < end {
            if text.isCharacter(UInt8(ascii: "`"), at: index) {
                let run = backtickRun(text, at: index, end: end)
                if run == length { return index }
                index += run
            } else {
                index += 1
            }
        }
        return nil
    }

    /// The offset of the `$$` that closes display math opened before `start`; a backslash
    /// escapes the character after it.
    private func closingDisplay(_ text: UTF8Characters, from start: Int, end: Int) -> Int? {
        var index = start
        while index + 1 < end {
            if text.isCharacter(UInt8(ascii: "\\"), at: index) {
                index = text.scalarEnd(from: index + 1)
                continue
            }
            if text.isCharacter(UInt8(ascii: "$"), at: index), text.isCharacter(UInt8(ascii: "$"), at: index + 1) {
                return index
            }
            index += 1
        }
        return nil
    }

    /// The closing `$` of inline math opened just before `start`, on the same line.
    private func closingDollar(_ text: UTF8Characters, from start: Int, end: Int) -> Int? {
        guard start < end, !UTF8Characters.isWhitespace(text.scalar(at: start).scalar),
            !text.isCharacter(UInt8(ascii: "$"), at: start)
        else { return nil }
        var index = start
        while index < end {
            let byte = text.bytes[index]
            guard byte < 0x80, text.isCharacter(at: index) else {
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\n"): return nil
            case UInt8(ascii: "\\"):
                index = index + 1 < end ? text.scalarEnd(from: index + 1) : end
                continue
            // A code span between the dollars: they are not math (`$5 and `$x$``).
            case UInt8(ascii: "`"): return nil
            case UInt8(ascii: "$"):
                let before = text.firstScalarOfCharacter(endingAt: index)
                let after = index + 1 < end ? text.scalar(at: index + 1).scalar : nil
                if !UTF8Characters.isWhitespace(before), after?.properties.numericType == nil { return index }
                return nil
            default:
                index += 1
            }
        }
        return nil
    }
}
