/// What the tokenizer and the sanitiser know of one element name, found with one lookup per
/// tag: its ``HTMLSanitizer/Treatment`` (nil for an element the sanitiser does not know), whether
/// it is void (no end tag) and whether its content is raw text.
///
/// The sets the rules come from (``HTMLSanitizer/treatments``, ``SafeToken/voidElements``,
/// ``HTMLTokenizer/rawTextElements``) stay the reference; this is their index. A lookup packs the
/// name's bytes into two words and probes an open-addressing table: a few dozen instructions, where
/// a `Set<String>` hashes the name with SipHash for each of the three questions.
struct HTMLElementRule {
    /// What the sanitiser does with the element's tags; nil: the tags are shown as text.
    var treatment: HTMLSanitizer.Treatment?
    /// Whether the element has no end tag (``SafeToken/voidElements``).
    var isVoid = false
    /// Whether the element's content is raw text up to its end tag (``HTMLTokenizer/rawTextElements``).
    var isRawText = false

    /// The rule for `name` (a lowercased tag name as the tokenizer reads it).
    static func of(_ name: String) -> HTMLElementRule {
        guard let key = PackedName(name) else { return HTMLElementRule() }
        return table.rule(for: key)
    }

    /// Up to 15 bytes of a name and its length, in two words.
    struct PackedName: Equatable {
        var low: UInt64
        var high: UInt64

        /// Nil for a name longer than 15 bytes (no known element is).
        init?(_ name: String) {
            var name = name
            let packed: PackedName?? = name.withUTF8 { bytes in
                guard bytes.count <= 15 else { return .some(nil) }
                var low: UInt64 = 0
                var high = UInt64(bytes.count) << 56
                for (index, byte) in bytes.enumerated() {
                    if index < 8 {
                        low |= UInt64(byte) << (8 * UInt64(index))
                    } else {
                        high |= UInt64(byte) << (8 * UInt64(index - 8))
                    }
                }
                return PackedName(low: low, high: high)
            }
            guard let packed = packed ?? nil else { return nil }
            self = packed
        }

        private init(low: UInt64, high: UInt64) {
            self.low = low
            self.high = high
        }

        /// A slot index in a table of `1 << bits` slots.
        func slot(bits: Int) -> Int {
            let mixed = (low ^ (high &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
            return Int(truncatingIfNeeded: mixed >> UInt64(64 - bits))
        }
    }

    /// Every known name's rule, by linear probing from the name's slot.
    private struct Table {
        static let bits = 9
        var keys: [PackedName?] = Array(repeating: nil, count: 1 << bits)
        var rules: [HTMLElementRule] = Array(repeating: HTMLElementRule(), count: 1 << bits)

        mutating func insert(_ name: String, _ update: (inout HTMLElementRule) -> Void) {
            guard let key = PackedName(name) else { preconditionFailure("element name \(name) is too long") }
            var slot = key.slot(bits: Self.bits)
            while let existing = keys[slot], existing != key { slot = (slot + 1) & (keys.count - 1) }
            keys[slot] = key
            update(&rules[slot])
        }

        func rule(for key: PackedName) -> HTMLElementRule {
            var slot = key.slot(bits: Self.bits)
            while let existing = keys[slot] {
                if existing == key { return rules[slot] }
                slot = (slot + 1) & (keys.count - 1)
            }
            return HTMLElementRule()
        }
    }

    private static let table: Table = {
        var table = Table()
        for (name, treatment) in HTMLSanitizer.treatments { table.insert(name) { $0.treatment = treatment } }
        for name in SafeToken.voidElements { table.insert(name) { $0.isVoid = true } }
        for name in HTMLTokenizer.rawTextElements { table.insert(name) { $0.isRawText = true } }
        return table
    }()
}
