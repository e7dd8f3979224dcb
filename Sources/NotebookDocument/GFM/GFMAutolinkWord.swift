/// One word of text that holds autolink candidates (from the first candidate to the next white
/// space or `<`), with what trimming a candidate's end needs, counted once for every candidate
/// in the word: the parentheses before each `Character`, and where each run of `)` and of ASCII
/// letters and digits starts.
///
/// Trimming a candidate looks at the `(`/`)` balance of the candidate and for a trailing
/// `&name;`; counted per candidate, a word of many `(http://` candidates ending in `)` took
/// time quadratic in its length. Here a candidate costs a binary search plus one step per
/// trimmed punctuation character (a run of `)` is one step).
struct GFMAutolinkWord {
    /// Where each `Character` of the word starts, and the word's end last.
    private var starts: [String.Index] = []
    /// The ASCII byte of each `Character` that is one ASCII scalar; 0 for any other.
    private var codes: [UInt8] = []
    /// How many `(` and `)` come before each `Character` (and before the end).
    private var opens: [Int] = [0]
    private var closes: [Int] = [0]
    /// For each `Character` offset `i`, the offset where the run of `)` ending just before `i`
    /// starts (`i` when the `Character` before is not `)`).
    private var closeRunStarts: [Int] = [0]
    /// The same for runs of ASCII letters and digits.
    private var alphanumericRunStarts: [Int] = [0]

    /// The word `range` of `text` (its start a `Character` boundary).
    init(_ text: String, _ range: Range<String.Index>) {
        var index = range.lowerBound
        while index < range.upperBound {
            let character = text[index]
            let code = character.asciiValue.map { character.unicodeScalars.count == 1 ? $0 : 0 } ?? 0
            starts.append(index)
            codes.append(code)
            let count = codes.count
            opens.append(opens[count - 1] + (code == UInt8(ascii: "(") ? 1 : 0))
            closes.append(closes[count - 1] + (code == UInt8(ascii: ")") ? 1 : 0))
            closeRunStarts.append(code == UInt8(ascii: ")") ? closeRunStarts[count - 1] : count)
            alphanumericRunStarts.append(Self.isAlphanumeric(code) ? alphanumericRunStarts[count - 1] : count)
            index = text.index(after: index)
        }
        starts.append(range.upperBound)
    }

    /// The end of the candidate that starts at `start` (a `Character` of the word) and runs to
    /// the word's end, once trailing `?!.,:*_~'"`, unmatched `)` and a trailing entity-like
    /// `&name;` are taken off.
    func trimmedEnd(from start: String.Index) -> String.Index {
        let first = offset(of: start)
        var end = codes.count
        while end > first {
            let last = codes[end - 1]
            if Self.trailingPunctuation.contains(last) {
                end -= 1
            } else if last == UInt8(ascii: ")"),
                case let unmatched = (closes[end] - closes[first]) - (opens[end] - opens[first]), unmatched > 0
            {
                // Each `)` taken off leaves one fewer unmatched; the run's `)` go while any is.
                end -= min(end - max(closeRunStarts[end], first), unmatched)
            } else if last == UInt8(ascii: ";"), case let name = alphanumericRunStarts[end - 1], name - 1 >= first,
                codes[name - 1] == UInt8(ascii: "&")
            {
                end = name - 1
            } else {
                break
            }
        }
        return starts[end]
    }

    /// The offset of the `Character` that starts at `index`.
    private func offset(of index: String.Index) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] < index { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private static let trailingPunctuation: Set<UInt8> = Set("?!.,:*_~'\"".utf8)

    private static func isAlphanumeric(_ code: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(code | 0x20)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(code)
    }
}
