/// Literal searches over text's UTF-8 bytes, for the Markdown passes and the report.
///
/// Foundation's `contains(_:)` and `range(of:)` bridge the text to UTF-16 on every call: a 1 MB
/// render spent 9 % of its time in `CFStringFind`. A literal search compares code units, so
/// comparing UTF-8 bytes finds the same occurrences (at scalar boundaries, for valid text).
package enum ByteSearch {
    /// Whether `needle` occurs in `text` (byte for byte; an empty needle always does).
    package static func contains(_ needle: String, in text: some StringProtocol) -> Bool {
        firstOffset(of: needle, in: text.utf8) != nil
    }

    /// The first occurrence of `needle` in `text`, or nil (an empty needle is found at the start).
    package static func firstRange(of needle: String, in text: Substring) -> Range<String.Index>? {
        guard let offset = firstOffset(of: needle, in: text.utf8) else { return nil }
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: offset)
        return lower..<utf8.index(lower, offsetBy: needle.utf8.count)
    }

    /// Whether `byte` is ASCII white space as `Character.isWhitespace` and cmark's `cmark_isspace`
    /// read it: space, tab, line feed, vertical tab, form feed or carriage return.
    package static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// The lines of `text`: what `text.split(separator: "\n", omittingEmptySubsequences: false)`
    /// returns, found on the bytes (a `\r\n` is one `Character`, so its `\n` ends no line).
    package static func lines(of text: String) -> [Substring] {
        let utf8 = text.utf8
        // On contiguous bytes: a scan for line feeds, and one index per line (offsetting a
        // native string's UTF-8 index is constant time), not an index step per byte.
        let scanned: [Substring]? = utf8.withContiguousStorageIfAvailable { bytes in
            var lines: [Substring] = []
            var start = utf8.startIndex
            var startOffset = 0
            for offset in bytes.indices where bytes[offset] == 0x0A && (offset == 0 || bytes[offset - 1] != 0x0D) {
                let end = utf8.index(start, offsetBy: offset - startOffset)
                lines.append(text[start..<end])
                start = utf8.index(after: end)
                startOffset = offset + 1
            }
            lines.append(text[start...])
            return lines
        }
        if let scanned { return scanned }
        var lines: [Substring] = []
        var start = utf8.startIndex
        var index = start
        var previous: UInt8 = 0
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x0A, previous != 0x0D {
                lines.append(text[start..<index])
                start = utf8.index(after: index)
            }
            previous = byte
            index = utf8.index(after: index)
        }
        lines.append(text[start...])
        return lines
    }

    /// Calls `body` with each line's number (from 1) and its range in `bytes`, the lines of
    /// ``lines(of:)`` (a line feed after a carriage return ends no line).
    package static func forEachLine(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, Range<Int>) -> Void) {
        var number = 1
        var start = 0
        for offset in bytes.indices where bytes[offset] == 0x0A && (offset == 0 || bytes[offset - 1] != 0x0D) {
            body(number, start..<offset)
            number += 1
            start = offset + 1
        }
        body(number, start..<bytes.count)
    }

    /// The byte offset of the first `needle` in `bytes`.
    package static func firstOffset<Bytes: Collection<UInt8>>(of needle: String, in bytes: Bytes) -> Int? {
        var needle = needle
        return needle.withUTF8 { pattern in
            let found = bytes.withContiguousStorageIfAvailable { haystack in
                firstOffset(of: pattern, in: haystack)
            }
            if let found { return found }
            return Array(bytes).withUnsafeBufferPointer { firstOffset(of: pattern, in: $0) }
        }
    }

    /// The offset of the first `pattern` in `haystack`: a scan for its first byte, then a
    /// comparison of the rest (the needles here are a few bytes long).
    package static func firstOffset(
        of pattern: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>
    ) -> Int? {
        guard let first = pattern.first else { return 0 }
        guard haystack.count >= pattern.count else { return nil }
        let last = haystack.count - pattern.count
        var offset = 0
        while offset <= last {
            if haystack[offset] == first {
                var matched = 1
                while matched < pattern.count, haystack[offset + matched] == pattern[matched] { matched += 1 }
                if matched == pattern.count { return offset }
            }
            offset += 1
        }
        return nil
    }
}
