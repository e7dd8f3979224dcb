/// The letter styles of `\mathbf`, `\mathcal`, `\mathbb`, …, drawn with the Unicode mathematical
/// alphanumeric characters (MathML Core has no `mathvariant` other than `normal`).
enum MathVariant {
    case italic, upright, bold, boldItalic, script, fraktur, doubleStruck, sansSerif, monospace

    /// The variant a command selects, if it is one of those commands.
    init?(command: String) {
        switch command {
        case "mathbf", "textbf": self = .bold
        case "boldsymbol", "bm", "pmb": self = .boldItalic
        case "mathit": self = .italic
        case "mathrm", "mathup": self = .upright
        case "mathcal", "mathscr": self = .script
        case "mathfrak": self = .fraktur
        case "mathbb": self = .doubleStruck
        case "mathsf": self = .sansSerif
        case "mathtt": self = .monospace
        default: return nil
        }
    }

    private static let holes: [MathVariant: [Character: Character]] = [
        .script: [
            "B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ", "e": "ℯ", "g": "ℊ",
            "o": "ℴ",
        ],
        .fraktur: ["C": "ℭ", "H": "ℌ", "I": "ℑ", "R": "ℜ", "Z": "ℨ"],
        .doubleStruck: ["C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"],
        .italic: ["h": "ℎ"],
    ]

    /// The start of the capital letters, small letters and digits of each variant.
    private var bases: (upper: UInt32, lower: UInt32, digits: UInt32?)? {
        switch self {
        case .upright: nil
        case .italic: (0x1D434, 0x1D44E, nil)
        case .bold: (0x1D400, 0x1D41A, 0x1D7CE)
        case .boldItalic: (0x1D468, 0x1D482, 0x1D7CE)
        case .script: (0x1D49C, 0x1D4B6, nil)
        case .fraktur: (0x1D504, 0x1D51E, nil)
        case .doubleStruck: (0x1D538, 0x1D552, 0x1D7D8)
        case .sansSerif: (0x1D5A0, 0x1D5BA, 0x1D7E2)
        case .monospace: (0x1D670, 0x1D68A, 0x1D7F6)
        }
    }

    /// `character` in this style (unchanged when the style has no such character).
    func apply(_ character: Character) -> Character {
        if let hole = Self.holes[self]?[character] { return hole }
        guard let bases, let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
            scalar.isASCII
        else { return character }
        let value = scalar.value
        let mapped: UInt32?
        switch value {
        case 0x41...0x5A: mapped = bases.upper + value - 0x41
        case 0x61...0x7A: mapped = bases.lower + value - 0x61
        case 0x30...0x39: mapped = bases.digits.map { $0 + value - 0x30 }
        default: mapped = nil
        }
        return mapped.flatMap(Unicode.Scalar.init).map(Character.init) ?? character
    }
}
