/// A text's UTF-8 bytes, with the few facts about its `Character`s (extended grapheme clusters)
/// that a byte scanner needs to find exactly what a `Character`-by-`Character` scan finds.
///
/// Scanners look for ASCII delimiters (`$`, `` ` ``, `\`, `<`) byte by byte, at a fraction of
/// the cost of iterating `Character`s; but `$` followed by a combining mark (`$\u{301}`) is one
/// `Character` that is not `$`, and a character after a prepended mark (U+0600) is not one of
/// its own. ``isCharacter(at:)`` settles both from the neighbouring scalars, asking the standard
/// library only when a neighbour is not ASCII.
package struct UTF8Characters {
    /// The text the bytes are of.
    package let text: String
    /// Its UTF-8 bytes.
    package let bytes: [UInt8]

    package init(_ text: String) {
        self.text = text
        bytes = Array(text.utf8)
    }

    package var count: Int { bytes.count }

    package subscript(offset: Int) -> UInt8 { bytes[offset] }

    /// Whether the ASCII byte at `offset` is a `Character` by itself: no combining mark follows
    /// it, it does not follow a prepended mark, and it is not the `\n` of a `\r\n`.
    package func isCharacter(at offset: Int) -> Bool {
        if bytes[offset] == 0x0A { return offset == 0 || bytes[offset - 1] != 0x0D }
        if bytes[offset] == 0x0D, offset + 1 < bytes.count, bytes[offset + 1] == 0x0A { return false }
        let next = offset + 1
        if next < bytes.count, bytes[next] >= 0x80, !isBoundary(offset..<scalarEnd(from: next)) { return false }
        if offset > 0, bytes[offset - 1] >= 0x80, !isBoundary(scalarStart(before: offset)..<next) { return false }
        return true
    }

    /// Whether the byte at `offset` is `byte` (ASCII) and a `Character` by itself.
    package func isCharacter(_ byte: UInt8, at offset: Int) -> Bool {
        offset < bytes.count && bytes[offset] == byte && isCharacter(at: offset)
    }

    /// The scalar that starts at `offset` and the offset after it.
    package func scalar(at offset: Int) -> (scalar: Unicode.Scalar, end: Int) {
        let end = scalarEnd(from: offset)
        let scalar = String(decoding: bytes[offset..<end], as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
        return (scalar, end)
    }

    /// The first scalar of the `Character` that ends at `offset` (a `Character` boundary > 0).
    package func firstScalarOfCharacter(endingAt offset: Int) -> Unicode.Scalar {
        let last = offset - 1
        if bytes[last] < 0x80, last == 0 || bytes[last - 1] < 0x80 {
            if bytes[last] == 0x0A, last > 0, bytes[last - 1] == 0x0D { return "\r" }
            return Unicode.Scalar(bytes[last])
        }
        let end = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
        return text.unicodeScalars[text.index(before: end)]
    }

    /// Whether `scalar` (the first of a `Character`) makes that `Character` white space, as
    /// `Character.isWhitespace` decides.
    package static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }

    /// The text of `range` (offsets on scalar boundaries).
    package func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The offset after the scalar that starts at `offset`.
    package func scalarEnd(from offset: Int) -> Int {
        var end = offset + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return end
    }

    /// The offset of the scalar that ends at `offset`.
    package func scalarStart(before offset: Int) -> Int {
        var start = offset - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return start
    }

    /// Whether the two scalars in `range` are two `Character`s (for an ASCII scalar, its
    /// neighbour alone decides).
    private func isBoundary(_ range: Range<Int>) -> Bool {
        String(decoding: bytes[range], as: UTF8.self).count == 2
    }
}
