/// Decodes HTML character references (`&amp;`, `&#233;`, `&#x1F600;`, common named ones).
///
/// Unknown names are left as written. Numeric references that name no character (0, surrogates,
/// beyond U+10FFFF) become U+FFFD, as in browsers.
enum CharacterReference {
    /// `text` with its character references replaced by the characters they name.
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "&", let (decoded, length) = reference(in: scalars, at: index) else {
                output.append(scalar)
                index += 1
                continue
            }
            output.append(contentsOf: decoded.unicodeScalars)
            index += length
        }
        return String(output)
    }

    /// The reference starting at `start` (which holds `&`): its text and its length.
    private static func reference(in scalars: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        var index = start + 1
        guard index < scalars.count else { return nil }
        if scalars[index] == "#" {
            index += 1
            var hex = false
            if index < scalars.count, scalars[index] == "x" || scalars[index] == "X" {
                hex = true
                index += 1
            }
            var value: UInt32 = 0
            var digits = 0
            while index < scalars.count, let digit = digitValue(scalars[index], hex: hex) {
                value = min(value &* (hex ? 16 : 10) &+ digit, 0x11_0000)
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            if index < scalars.count, scalars[index] == ";" { index += 1 }
            let decoded = value == 0 ? nil : Unicode.Scalar(value)
            return (String(decoded ?? "\u{FFFD}"), index - start)
        }
        var name = ""
        while index < scalars.count, index - start <= 32,
            ("a"..."z").contains(scalars[index]) || ("A"..."Z").contains(scalars[index])
                || ("0"..."9").contains(scalars[index])
        {
            name.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard index < scalars.count, scalars[index] == ";", let character = named[name] else { return nil }
        return (character, index + 1 - start)
    }

    private static func digitValue(_ scalar: Unicode.Scalar, hex: Bool) -> UInt32? {
        switch scalar {
        case "0"..."9": scalar.value - 48
        case "a"..."f" where hex: scalar.value - 87
        case "A"..."F" where hex: scalar.value - 55
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
