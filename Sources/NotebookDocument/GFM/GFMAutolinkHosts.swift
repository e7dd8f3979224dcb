/// The domain rule of GFM's extended autolinks, answered in O(1) for any host in one word.
///
/// A host runs from its start to the first `/`, `?` or `#` (or the link's end). It is a domain
/// when it is dot-separated labels of letters, digits, `-`, `_` and `:` (a port) with at least
/// one dot, no empty label, and no `_` in the last two labels. Read character by character, each
/// candidate of a word like `_www._www._www.…` read to the word's end; these tables hold, for
/// every offset, the next character that ends or breaks a host and the last dot and `_` before
/// it, so each verdict is a few reads.
struct GFMAutolinkHosts {
    /// For each offset, the first offset at or after it holding `/`, `?` or `#`.
    private var nextStop: [Int] = [0]
    /// For each offset, the first offset at or after it holding a character no host has, or a
    /// `.` right after a `.` (an empty label).
    private var nextBreak: [Int] = [0]
    /// For each offset, the last offset before it holding a `.` (-1 when none).
    private var previousDot: [Int] = [-1]
    /// For each offset, the last offset before it holding a `_` (-1 when none).
    private var previousUnderscore: [Int] = [-1]
    /// The ASCII byte of each `Character` (0 for any other).
    private var codes: [UInt8] = []

    init() {}

    /// The tables for a word whose `Character`s have the ASCII bytes `codes` (0 for any other)
    /// and are letters, digits, `-`, `_` or `:` where `hostCharacters` says so.
    init(codes: [UInt8], hostCharacters: [Bool]) {
        self.codes = codes
        let count = codes.count
        nextStop = Array(repeating: count, count: count + 1)
        nextBreak = Array(repeating: count, count: count + 1)
        previousDot = Array(repeating: -1, count: count + 1)
        previousUnderscore = Array(repeating: -1, count: count + 1)
        let dot = UInt8(ascii: ".")
        for offset in 0..<count {
            previousDot[offset + 1] = codes[offset] == dot ? offset : previousDot[offset]
            previousUnderscore[offset + 1] = codes[offset] == UInt8(ascii: "_") ? offset : previousUnderscore[offset]
        }
        for offset in stride(from: count - 1, through: 0, by: -1) {
            let code = codes[offset]
            let stops = code == UInt8(ascii: "/") || code == UInt8(ascii: "?") || code == UInt8(ascii: "#")
            let breaks =
                code == dot ? offset > 0 && codes[offset - 1] == dot : !stops && !hostCharacters[offset]
            nextStop[offset] = stops ? offset : nextStop[offset + 1]
            nextBreak[offset] = breaks ? offset : nextBreak[offset + 1]
        }
    }

    /// Whether the host from offset `start` to the first `/`, `?` or `#` before offset `end` is
    /// a domain (`localhost` is the caller's to allow).
    func isDomain(from start: Int, to end: Int) -> Bool {
        guard start < end else { return false }
        let stop = min(end, nextStop[start])
        // A host that starts with `.` has an empty first label; after the start, a `.` right
        // after a `.` is the next break.
        guard stop > start, codes[start] != UInt8(ascii: "."), nextBreak[start] >= stop else { return false }
        let lastDot = previousDot[stop]
        guard lastDot >= start, lastDot < stop - 1, previousUnderscore[stop] < lastDot else { return false }
        let previousLabel = max(previousDot[lastDot] + 1, start)
        return previousUnderscore[lastDot] < previousLabel
    }
}
