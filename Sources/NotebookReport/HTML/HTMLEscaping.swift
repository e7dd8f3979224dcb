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
        var output = MarkupBuffer(capacity: text.utf8.count + text.utf8.count / 8)
        appendEscaped(Substring(text), to: &output)
        return output.string
    }

    /// Appends the escaped form of `text` to `output` (see ``escape(_:)``).
    static func appendEscaped(_ text: String, to output: inout MarkupBuffer) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { appendEscaped(utf8: $0, to: &output) }
        if done == nil { appendEscaped(text[...], to: &output) }
    }

    /// Appends the escaped form of `text` to `output` (see ``escape(_:)``), in time linear in
    /// the length of `text` however long `output` already is.
    static func appendEscaped(_ text: Substring, to output: inout MarkupBuffer) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { appendEscaped(utf8: $0, to: &output) }
        if done == nil { Array(text.utf8).withUnsafeBufferPointer { appendEscaped(utf8: $0, to: &output) } }
    }

    /// Appends the escaped form of the valid UTF-8 `bytes`: runs of plain bytes are copied at
    /// once; a scalar needs a look only when its first byte is an ASCII special character or a
    /// lead byte of the C1 controls (0xC2) or of noncharacters (0xEF, 0xF0…0xF4).
    private static func appendEscaped(utf8 bytes: UnsafeBufferPointer<UInt8>, to output: inout MarkupBuffer) {
        var runStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard mayNeedReplacement(byte) else {
                index += 1
                continue
            }
            let (scalar, length) = scalar(in: bytes, at: index)
            guard let replacement = replacement(for: scalar) else {
                index += length
                continue
            }
            if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            output.append(replacement)
            index += length
            runStart = index
        }
        if runStart < bytes.count {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
    }

    /// The scalar whose valid UTF-8 encoding starts at `index` of `bytes`, and its length.
    @inline(__always)
    private static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[index])
        func continuation(_ offset: Int) -> UInt32 { UInt32(bytes[index + offset] & 0x3F) }
        switch lead {
        case 0..<0x80: return (lead, 1)
        case 0xC0..<0xE0: return ((lead & 0x1F) << 6 | continuation(1), 2)
        case 0xE0..<0xF0: return ((lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2), 3)
        default: return ((lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3), 4)
        }
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
    private static func replacement(for scalar: UInt32) -> String? {
        switch scalar {
        case 0x26: return "&amp;"
        case 0x3C: return "&lt;"
        case 0x3E: return "&gt;"
        case 0x22: return "&quot;"
        case 0x27: return "&#39;"
        case 0x0A, 0x09: return nil
        case 0x00...0x1F: return String(Unicode.Scalar(0x2400 + scalar)!)
        case 0x7F: return "\u{2421}"
        case 0x80...0x9F: return "\u{FFFD}"
        // Noncharacters are forbidden in HTML documents: U+FDD0…U+FDEF and U+xFFFE/U+xFFFF.
        case 0xFDD0...0xFDEF: return "\u{FFFD}"
        case let value where value & 0xFFFE == 0xFFFE: return "\u{FFFD}"
        default: return nil
        }
    }
}
