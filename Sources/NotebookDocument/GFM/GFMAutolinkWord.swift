/// One word of text that holds autolink candidates (from the first candidate to the next white
/// space or `<`), with what its candidates' verdicts need, worked out once for every candidate
/// in the word: the parenthesis balance before each `Character`, the steps that trimming takes
/// from the word's end, and the host tables (``GFMAutolinkHosts``).
///
/// Worked out per candidate, a word of many candidates was quadratic: `(http://…)` (each
/// candidate counted the word's parentheses), `.)` runs at the end (each candidate trimmed them
/// one by one) and `_www._www.…` (each host check read to the word's end). Here a candidate costs
/// two binary searches and a few table reads.
struct GFMAutolinkWord {
    /// Where each `Character` of the word starts, and the word's end last.
    private var starts: [String.Index] = []
    /// The ASCII byte of each `Character` that is one ASCII scalar; 0 for any other.
    private var codes: [UInt8] = []
    /// How many more `)` than `(` come before each `Character` (and before the end).
    private var balance: [Int] = [0]
    /// The ends that trimming passes through from the word's end, strictly decreasing, when
    /// neither a candidate's start nor its parentheses stop it.
    private var trimEnds: [Int] = []
    /// The indices into `trimEnds` whose next step takes off a `)`, in order.
    private var closeSteps: [Int] = []
    /// Where each candidate's host is a domain, in O(1).
    private var hosts = GFMAutolinkHosts()

    /// The word `range` of `text` (its start a `Character` boundary).
    init(_ text: String, _ range: Range<String.Index>) {
        var hostCharacters: [Bool] = []
        if Self.isASCII(text.utf8[range]) {
            // Each byte is a `Character` (a word holds no white space, so no `\r\n`): the
            // tables come from the bytes, without a `Character` made for each.
            let utf8 = text.utf8
            let count = utf8.distance(from: range.lowerBound, to: range.upperBound)
            starts.reserveCapacity(count + 1)
            codes.reserveCapacity(count)
            hostCharacters.reserveCapacity(count)
            balance.reserveCapacity(count + 1)
            var index = range.lowerBound
            for code in utf8[range] {
                add(at: index, code: code, isHostCharacter: nil, to: &hostCharacters)
                index = utf8.index(after: index)
            }
        } else {
            var index = range.lowerBound
            while index < range.upperBound {
                let character = text[index]
                let code = character.asciiValue.map { character.unicodeScalars.count == 1 ? $0 : 0 } ?? 0
                add(
                    at: index, code: code, isHostCharacter: code == 0 ? character.isLetter || character.isNumber : nil,
                    to: &hostCharacters)
                index = text.index(after: index)
            }
        }
        starts.append(range.upperBound)
        traceTrimming()
        hosts = GFMAutolinkHosts(codes: codes, hostCharacters: hostCharacters)
    }

    /// Records the `Character` at `index`: its ASCII `code` (0 for any other), whether a host may
    /// hold it (for an ASCII one, from its code when `isHostCharacter` is nil), and the
    /// parenthesis balance after it.
    private mutating func add(
        at index: String.Index, code: UInt8, isHostCharacter: Bool?, to hostCharacters: inout [Bool]
    ) {
        starts.append(index)
        codes.append(code)
        hostCharacters.append(
            isHostCharacter
                ?? (Self.isAlphanumeric(code) || code == UInt8(ascii: "-") || code == UInt8(ascii: "_")
                    || code == UInt8(ascii: ":")))
        let step = code == UInt8(ascii: ")") ? 1 : code == UInt8(ascii: "(") ? -1 : 0
        balance.append(balance[balance.count - 1] + step)
    }

    /// Follows the trimming from the word's end as far as any candidate could take it: off go
    /// trailing `?!.,:*_~'"`, every `)` and an entity-like `&name;`.
    private mutating func traceTrimming() {
        var end = codes.count
        trimEnds = [end]
        while end > 0 {
            let last = codes[end - 1]
            if Self.trailingPunctuation.contains(last) {
                end -= 1
            } else if last == UInt8(ascii: ")") {
                closeSteps.append(trimEnds.count - 1)
                end -= 1
            } else if last == UInt8(ascii: ";") {
                var name = end - 1
                while name > 0, Self.isAlphanumeric(codes[name - 1]) { name -= 1 }
                guard name >= 1, codes[name - 1] == UInt8(ascii: "&") else { break }
                end = name - 1
            } else {
                break
            }
            trimEnds.append(end)
        }
    }

    /// The offset of the end of the candidate that starts at offset `first` and runs to the
    /// word's end, once trailing `?!.,:*_~'"`, unmatched `)` and a trailing entity-like `&name;`
    /// are taken off (an `&` before the candidate does not count, nor a `)` that the
    /// candidate's own `(` match).
    func trimmedEnd(from first: Int) -> Int {
        // Each `)` taken off leaves one fewer unmatched: the trimming stops at the step that
        // would take off the `)` after the unmatched ones.
        let unmatched = max(0, balance[codes.count] - balance[first])
        var stop = unmatched < closeSteps.count ? closeSteps[unmatched] : trimEnds.count - 1
        // The first end at or before `first`: trimming stops there, or one step earlier when an
        // entity's `&` lies before `first` (a single-character step cannot jump over it).
        var low = 0
        var high = trimEnds.count
        while low < high {
            let middle = (low + high) / 2
            if trimEnds[middle] > first { low = middle + 1 } else { high = middle }
        }
        if low < trimEnds.count { stop = min(stop, trimEnds[low] == first ? low : low - 1) }
        return trimEnds[stop]
    }

    /// Whether the host from offset `start` to the first `/`, `?` or `#` before offset `end`
    /// is a domain (see ``GFMAutolinkHosts/isDomain(from:to:)``).
    func isDomain(from start: Int, to end: Int) -> Bool {
        hosts.isDomain(from: start, to: end)
    }

    /// The offset of the `Character` that starts at `index`.
    func offset(of index: String.Index) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] < index { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Where the `Character` at `offset` starts (the word's end for `offset` past the last one).
    func index(at offset: Int) -> String.Index { starts[min(offset, starts.count - 1)] }

    private static let trailingPunctuation: Set<UInt8> = Set("?!.,:*_~'\"".utf8)

    /// Whether every byte is ASCII.
    static func isASCII(_ bytes: Substring.UTF8View) -> Bool {
        bytes.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } } ?? bytes.allSatisfy { $0 < 0x80 }
    }

    static func isAlphanumeric(_ code: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(code | 0x20)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(code)
    }
}
