/// Decodes HTML character references (`&amp;`, `&#233;`, `&#x1F600;`, common named ones).
///
/// Unknown names are left as written. Numeric references that name no character (0, surrogates,
/// beyond U+10FFFF) become U+FFFD, as in browsers.
enum CharacterReference {
    /// `text` with its character references replaced by the characters they name.
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        return decode(ArraySlice(text.utf8))
    }

    /// The UTF-8 text `bytes` with its character references replaced by the characters they
    /// name. References are ASCII, so the text is read byte by byte and copied in runs.
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var copied = bytes.startIndex
        var index = bytes.startIndex
        while let ampersand = bytes[index...].firstIndex(of: UInt8(ascii: "&")) {
            guard let (decoded, length) = reference(in: bytes, at: ampersand) else {
                index = ampersand + 1
                continue
            }
            output += bytes[copied..<ampersand]
            output += decoded.utf8
            index = ampersand + length
            copied = index
        }
        output += bytes[copied...]
        return String(decoding: output, as: UTF8.self)
    }

    /// The reference starting at `start` (which holds `&`): its text and its length in bytes.
    private static func reference(in bytes: ArraySlice<UInt8>, at start: Int) -> (String, Int)? {
        var index = start + 1
        let end = bytes.endIndex
        guard index < end else { return nil }
        if bytes[index] == UInt8(ascii: "#") {
            index += 1
            var hex = false
            if index < end, bytes[index] == UInt8(ascii: "x") || bytes[index] == UInt8(ascii: "X") {
                hex = true
                index += 1
            }
            var value: UInt32 = 0
            var digits = 0
            while index < end, let digit = digitValue(bytes[index], hex: hex) {
                value = min(value &* (hex ? 16 : 10) &+ digit, 0x11_0000)
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            if index < end, bytes[index] == UInt8(ascii: ";") { index += 1 }
            let decoded = value == 0 ? nil : Unicode.Scalar(value)
            return (String(decoded ?? "\u{FFFD}"), index - start)
        }
        let nameStart = index
        while index < end, index - start <= 32, isASCIILetterOrDigit(bytes[index]) { index += 1 }
        guard index < end, bytes[index] == UInt8(ascii: ";"),
            let character = named[String(decoding: bytes[nameStart..<index], as: UTF8.self)]
        else { return nil }
        return (character, index + 1 - start)
    }

    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: false
        }
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte) - 48
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: UInt32(byte) - 87
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: UInt32(byte) - 55
        default: nil
        }
    }

    /// The named references people use in notes (the full HTML list has over 2,000), from
    /// `assets/report/tables/html-entities.tsv`: a name, a tab, the character(s) as themselves or
    /// as `U+XXXX`.
    static let named: [String: String] = {
        var table: [String: String] = [:]
        for row in ReportAssets.rows(ReportAssets.htmlEntities) where row.count >= 2 {
            table[String(row[0])] = decodedValue(row[1])
        }
        return table
    }()

    /// `U+00A0` as the character it names; anything else as written.
    private static func decodedValue(_ field: Substring) -> String {
        guard field.hasPrefix("U+"), let value = UInt32(field.dropFirst(2), radix: 16),
            let scalar = Unicode.Scalar(value)
        else { return String(field) }
        return String(scalar)
    }
}
