/// Cuts a huge text output down to its first and last parts, so a report stays small.
struct TextTruncation: Equatable {
    /// The text shown first (all of it when nothing was cut).
    var head: String
    /// The text shown after the notice (empty when nothing was cut).
    var tail: String
    /// The size of the whole text in UTF-8 bytes.
    var totalBytes: Int
    /// The number of lines of the whole text.
    var totalLines: Int
    /// Lines of the whole text left out.
    var omittedLines: Int
    /// Whether anything was left out.
    var isTruncated: Bool

    /// Keeps `text` whole when it has at most `maximumBytes` bytes and `maximumLines` lines;
    /// otherwise keeps about half of each budget from the start and half from the end, cut at
    /// line ends where possible (and never inside a character).
    init(_ text: String, maximumBytes: Int, maximumLines: Int) {
        var text = text
        text.makeContiguousUTF8()
        let maximumBytes = max(maximumBytes, 64)
        let maximumLines = max(maximumLines, 2)
        let result = text.utf8.withContiguousStorageIfAvailable { bytes -> TextTruncation in
            Self.cut(bytes, maximumBytes: maximumBytes, maximumLines: maximumLines)
        }
        self =
            result
            ?? TextTruncation(
                head: text, tail: "", totalBytes: text.utf8.count, totalLines: 0, omittedLines: 0, isTruncated: false)
        if !isTruncated { head = text }
    }

    private init(
        head: String, tail: String, totalBytes: Int, totalLines: Int, omittedLines: Int, isTruncated: Bool
    ) {
        self.head = head
        self.tail = tail
        self.totalBytes = totalBytes
        self.totalLines = totalLines
        self.omittedLines = omittedLines
        self.isTruncated = isTruncated
    }

    private static func cut(_ bytes: UnsafeBufferPointer<UInt8>, maximumBytes: Int, maximumLines: Int)
        -> TextTruncation
    {
        let count = bytes.count
        var newlines = 0
        for byte in bytes where byte == 0x0A { newlines += 1 }
        let lines = count == 0 ? 0 : newlines + (bytes[count - 1] == 0x0A ? 0 : 1)
        guard count > maximumBytes || lines > maximumLines else {
            return TextTruncation(
                head: "", tail: "", totalBytes: count, totalLines: lines, omittedLines: 0, isTruncated: false)
        }
        let byteBudget = maximumBytes / 2
        let lineBudget = maximumLines / 2
        // Head: up to lineBudget lines and byteBudget bytes.
        var headEnd = 0
        var headLines = 0
        var lastNewline = -1
        while headEnd < count, headEnd < byteBudget, headLines < lineBudget {
            if bytes[headEnd] == 0x0A {
                headLines += 1
                lastNewline = headEnd
            }
            headEnd += 1
        }
        if headLines < lineBudget, lastNewline >= 0, headEnd - lastNewline < byteBudget / 2 {
            headEnd = lastNewline + 1
        }
        headEnd = scalarBoundary(bytes, atOrBefore: headEnd)
        // Tail: the same budget from the end, not overlapping the head.
        var tailStart = count
        var tailLines = 0
        var firstNewline = -1
        let ignoreFinalNewline = bytes[count - 1] == 0x0A ? count - 1 : count
        while tailStart > headEnd, count - tailStart < byteBudget, tailLines < lineBudget {
            let index = tailStart - 1
            if bytes[index] == 0x0A, index < ignoreFinalNewline {
                tailLines += 1
                firstNewline = index
                if tailLines == lineBudget { break }
            }
            tailStart -= 1
        }
        if firstNewline >= 0, firstNewline + 1 > tailStart, firstNewline + 1 - tailStart < byteBudget / 2 {
            tailStart = firstNewline + 1
        } else if tailLines == lineBudget, firstNewline >= 0 {
            tailStart = firstNewline + 1
        }
        tailStart = scalarBoundary(bytes, atOrAfter: max(tailStart, headEnd))
        let head = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<headEnd]), as: UTF8.self)
        let tail = String(decoding: UnsafeBufferPointer(rebasing: bytes[tailStart..<count]), as: UTF8.self)
        var omittedNewlines = 0
        for byte in UnsafeBufferPointer(rebasing: bytes[headEnd..<tailStart]) where byte == 0x0A {
            omittedNewlines += 1
        }
        return TextTruncation(
            head: head, tail: tail, totalBytes: count, totalLines: lines, omittedLines: omittedNewlines,
            isTruncated: true)
    }

    private static func scalarBoundary(_ bytes: UnsafeBufferPointer<UInt8>, atOrBefore index: Int) -> Int {
        var index = index
        while index > 0, index < bytes.count, bytes[index] & 0xC0 == 0x80 { index -= 1 }
        return index
    }

    private static func scalarBoundary(_ bytes: UnsafeBufferPointer<UInt8>, atOrAfter index: Int) -> Int {
        var index = index
        while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
        return index
    }

    /// The notice shown between head and tail.
    var notice: String {
        let headLines = head.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        let tailLines =
            tail.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } + (tail.hasSuffix("\n") || tail.isEmpty ? 0 : 1)
        return "output truncated: \(Formatting.bytes(totalBytes)), \(Formatting.grouped(totalLines)) lines; "
            + "showing the first \(Formatting.grouped(headLines)) and the last \(Formatting.grouped(tailLines)) lines "
            + "(\(Formatting.bytes(head.utf8.count + tail.utf8.count))), "
            + "\(Formatting.grouped(omittedLines)) lines left out"
    }
}
