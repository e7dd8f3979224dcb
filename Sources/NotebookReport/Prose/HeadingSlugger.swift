/// GitHub-style heading anchors: lowercase, punctuation removed, spaces to hyphens, and `-1`,
/// `-2`, … appended to repeats.
struct HeadingSlugger {
    private var used: Set<String> = []
    /// For each base slug, the suffix to try next: repeats of one heading cost O(1) each, not a
    /// scan over every earlier repeat (10 000 "# Notes" headings took seconds).
    private var nextSuffix: [String: Int] = [:]

    /// Marks `anchor` as taken (cell anchors, the page's own ids).
    mutating func reserve(_ anchor: String) { used.insert(anchor) }

    /// The anchor for a heading with this text.
    ///
    /// One set insertion for a new heading; for a repeat, one dictionary access and an insertion
    /// per suffix tried (each hashes the text).
    mutating func slug(for text: String) -> String {
        var base = Self.base(of: text)
        if base.isEmpty { base = "section" }
        if used.insert(base).inserted { return base }
        return Self.firstFree(base, from: &nextSuffix[base, default: 1], in: &used)
    }

    /// `base-n` for the first `n` from `counter` not in `used`, inserted; `counter` is left after it.
    private static func firstFree(_ base: String, from counter: inout Int, in used: inout Set<String>) -> String {
        while true {
            let candidate = base + "-" + String(counter)
            counter += 1
            if used.insert(candidate).inserted { return candidate }
        }
    }

    /// The heading's text lowercased, letters, digits, `_` and `-` kept, spaces made `-`, the
    /// rest dropped. ASCII text is done on its bytes (10 000 headings spent a tenth of a second
    /// in `Character` properties).
    private static func base(of text: String) -> String {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            var base = ""
            for character in text.lowercased() {
                if character.isLetter || character.isNumber || character == "_" || character == "-" {
                    base.append(character)
                } else if character == " " {
                    base.append("-")
                }
            }
            return base
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"),
                UInt8(ascii: "-"):
                bytes.append(byte)
            case UInt8(ascii: " "): bytes.append(UInt8(ascii: "-"))
            default: break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
