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

    /// The first occurrence of ``marker`` in `text`, found on its UTF-8 bytes: Foundation's
    /// `range(of:)` on a substring copies the rest of the text for every search, which made a
    /// block with many formulas quadratic.
    func firstMarker(in text: Substring) -> Range<Substring.Index>? {
        let needle = Array(marker.utf8)
        let bytes = text.utf8
        var start = bytes.startIndex
        while let found = bytes[start...].firstIndex(of: needle[0]) {
            if bytes[found...].starts(with: needle) { return found..<bytes.index(found, offsetBy: needle.count) }
            start = bytes.index(after: found)
        }
        return nil
    }

    /// Extracts the math of `source`.
    init(_ source: String) {
        var marker = "MATHPHQ"
        while source.contains(marker) { marker += "Q" }
        self.marker = marker
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var fence: (character: Character, length: Int)?
        var paragraph: [Substring] = []
        var output: [String] = []
        func flush() {
            if !paragraph.isEmpty {
                output.append(extractInline(paragraph.joined(separator: "\n")))
                paragraph.removeAll()
            }
        }
        for line in lines {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" || $0 == ">" })
            if let open = fence {
                output.append(String(line))
                let run = trimmed.prefix(while: { $0 == open.character }).count
                if run >= open.length, trimmed.dropFirst(run).allSatisfy({ $0 == " " || $0 == "\t" }) { fence = nil }
                continue
            }
            let listless = trimmed.drop(while: { "-*+0123456789.) \t".contains($0) })
            if let first = listless.first, first == "`" || first == "~" {
                let run = listless.prefix(while: { $0 == first }).count
                if run >= 3 {
                    flush()
                    fence = (first, run)
                    output.append(String(line))
                    continue
                }
            }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                flush()
                output.append(String(line))
            } else {
                paragraph.append(line)
            }
        }
        flush()
        markdown = output.joined(separator: "\n")
    }

    /// Replaces the math of one paragraph (no blank lines inside).
    private mutating func extractInline(_ text: String) -> String {
        let chars = Array(text)
        var result = ""
        var index = 0
        // Closers searched for in vain: none follows later openers either, so each kind is
        // searched to the paragraph's end at most once (a paragraph of unclosed "`" or "$$"
        // stays linear).
        var backtickRunsWithoutCloser: Set<Int> = []
        var displayWithoutCloser = false
        while index < chars.count {
            let character = chars[index]
            if character == "\\", index + 1 < chars.count {
                result.append(character)
                result.append(chars[index + 1])
                index += 2
                continue
            }
            if character == "`" {
                let run = runLength(chars, index, "`")
                if !backtickRunsWithoutCloser.contains(run),
                    let close = closingBackticks(chars, from: index + run, length: run)
                {
                    result += String(chars[index..<(close + run)])
                    index = close + run
                } else {
                    backtickRunsWithoutCloser.insert(run)
                    result += String(repeating: "`", count: run)
                    index += run
                }
                continue
            }
            if character == "$" {
                if index + 1 < chars.count, chars[index + 1] == "$" {
                    let close = displayWithoutCloser ? nil : find("$$", in: chars, from: index + 2)
                    if close == nil { displayWithoutCloser = true }
                    if let close, close > index + 2 {
                        let tex = String(chars[(index + 2)..<close])
                        result += placeholder(spans.count)
                        spans.append(Span(tex: tex, display: true))
                        index = close + 2
                        continue
                    }
                    result += "$$"
                    index += 2
                    continue
                }
                if let close = closingDollar(chars, from: index + 1) {
                    result += placeholder(spans.count)
                    spans.append(Span(tex: String(chars[(index + 1)..<close]), display: false))
                    index = close + 1
                    continue
                }
            }
            result.append(character)
            index += 1
        }
        return result
    }

    private func runLength(_ chars: [Character], _ start: Int, _ character: Character) -> Int {
        var end = start
        while end < chars.count, chars[end] == character { end += 1 }
        return end - start
    }

    private func closingBackticks(_ chars: [Character], from start: Int, length: Int) -> Int? {
        var index = start
        while index < chars.count {
            if chars[index] == "`" {
                let run = runLength(chars, index, "`")
                if run == length { return index }
                index += run
            } else {
                index += 1
            }
        }
        return nil
    }

    private func find(_ needle: String, in chars: [Character], from start: Int) -> Int? {
        let pattern = Array(needle)
        var index = start
        while index + pattern.count <= chars.count {
            if chars[index] == "\\" {
                index += 2
                continue
            }
            if Array(chars[index..<(index + pattern.count)]) == pattern { return index }
            index += 1
        }
        return nil
    }

    /// The closing `$` of inline math opened just before `start`, on the same line.
    private func closingDollar(_ chars: [Character], from start: Int) -> Int? {
        guard start < chars.count, !chars[start].isWhitespace, chars[start] != "$" else { return nil }
        var index = start
        while index < chars.count, chars[index] != "\n" {
            let character = chars[index]
            if character == "\\" {
                index += 2
                continue
            }
            // A code span between the dollars: they are not math (`$5 and `$x$``).
            if character == "`" { return nil }
            if character == "$" {
                let before = chars[index - 1]
                let after: Character? = index + 1 < chars.count ? chars[index + 1] : nil
                if !before.isWhitespace, !(after?.isNumber ?? false) { return index }
                return nil
            }
            index += 1
        }
        return nil
    }
}
