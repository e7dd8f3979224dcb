/// HTML escaping for text and attribute values.
///
/// Every piece of text that comes from a notebook, a cell or a user goes through ``escape(_:)``
/// before it is put in the report, whether in element content or in a quoted attribute value.
enum HTMLEscaping {
    /// Escapes `&`, `<`, `>`, `"` and `'`, and replaces control characters (other than newline
    /// and tab) by visible symbols: C0 controls by their Control Pictures (`␀`, `␛`, …), DEL by
    /// `␡`, C1 controls and Unicode noncharacters (which HTML forbids) by U+FFFD. A carriage
    /// return is shown as `␍`.
    static func escape(_ text: some StringProtocol) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        appendEscaped(Substring(text), to: &output)
        return output
    }

    /// Appends the escaped form of `text` to `output` (see ``escape(_:)``).
    static func appendEscaped(_ text: String, to output: inout String) {
        appendEscaped(text[...], to: &output)
    }

    /// Appends the escaped form of `text` to `output` (see ``escape(_:)``), in time linear in
    /// the length of `text` however long `output` already is.
    static func appendEscaped(_ text: Substring, to output: inout String) {
        // Fast path: copy runs of plain characters at once, reading UTF-8 bytes (not scalars):
        // a scalar needs a look only when its first byte is an ASCII special character or a
        // lead byte of the C1 controls (0xC2) or of noncharacters (0xEF, 0xF0…0xF4).
        let bytes = text.utf8
        let plain = bytes.withContiguousStorageIfAvailable { buffer in !buffer.contains(where: mayNeedReplacement) }
        if plain == true {
            output.append(contentsOf: text)
            return
        }
        var runStart = bytes.startIndex
        var index = runStart
        while index != bytes.endIndex {
            guard mayNeedReplacement(bytes[index]), let replacement = replacement(for: text.unicodeScalars[index])
            else {
                index = bytes.index(after: index)
                continue
            }
            if runStart != index { output.append(contentsOf: text[runStart..<index]) }
            output += replacement
            index = text.unicodeScalars.index(after: index)
            runStart = index
        }
        if runStart != bytes.endIndex { output.append(contentsOf: text[runStart...]) }
    }

    /// Whether a scalar starting with `byte` may need a replacement: an ASCII special character
    /// or control, or the lead byte of a C1 control (0xC2) or of a noncharacter (0xEF…0xF4).
    @inline(__always)
    private static func mayNeedReplacement(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x26, 0x3C, 0x3E, 0x22, 0x27, 0x7F, 0x00...0x08, 0x0B...0x1F, 0xC2, 0xEF...0xF4: true
        default: false
        }
    }

    @inline(__always)
    private static func replacement(for scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x26: return "&amp;"
        case 0x3C: return "&lt;"
        case 0x3E: return "&gt;"
        case 0x22: return "&quot;"
        case 0x27: return "&#39;"
        case 0x0A, 0x09: return nil
        case 0x00...0x1F: return String(Unicode.Scalar(0x2400 + scalar.value)!)
        case 0x7F: return "\u{2421}"
        case 0x80...0x9F: return "\u{FFFD}"
        // Noncharacters are forbidden in HTML documents: U+FDD0…U+FDEF and U+xFFFE/U+xFFFF.
        case 0xFDD0...0xFDEF: return "\u{FFFD}"
        case let value where value & 0xFFFE == 0xFFFE: return "\u{FFFD}"
        default: return nil
        }
    }
}
