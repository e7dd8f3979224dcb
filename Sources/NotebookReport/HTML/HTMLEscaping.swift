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
        // Fast path: copy runs of plain characters at once. (Not through `output.unicodeScalars`:
        // appending to that view copies the whole string every time.)
        let scalars = text.unicodeScalars
        var runStart = scalars.startIndex
        var index = runStart
        while index != scalars.endIndex {
            let scalar = scalars[index]
            if let replacement = replacement(for: scalar) {
                if runStart != index { output.append(contentsOf: text[runStart..<index]) }
                output += replacement
                index = scalars.index(after: index)
                runStart = index
            } else {
                index = scalars.index(after: index)
            }
        }
        if runStart != scalars.endIndex { output.append(contentsOf: text[runStart...]) }
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
