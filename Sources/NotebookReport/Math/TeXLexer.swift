/// A token of TeX math.
enum TeXToken: Equatable {
    /// `\name` (letters), or a one-character command such as `\,` or `\{`.
    case command(String)
    /// Any other character.
    case character(Character)
    /// `{`
    case open
    /// `}`
    case close
    /// `^`
    case upper
    /// `_`
    case lower
    /// `&` (a column break in environments)
    case alignment
    /// `\\` (a row break in environments)
    case rowBreak
    /// Spaces between tokens (kept only inside `\text{…}`).
    case space
}

/// Splits TeX math into tokens. Never fails: a lone `\` at the end is a character.
enum TeXLexer {
    static func tokens(_ tex: String) -> [TeXToken] {
        let characters = Array(tex)
        var tokens: [TeXToken] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "\\":
                guard index + 1 < characters.count else {
                    tokens.append(.character("\\"))
                    index += 1
                    continue
                }
                let next = characters[index + 1]
                if next == "\\" {
                    tokens.append(.rowBreak)
                    index += 2
                } else if next.isASCII, next.isLetter {
                    var end = index + 1
                    while end < characters.count, characters[end].isASCII, characters[end].isLetter { end += 1 }
                    // `\operatorname*` and the like.
                    if end < characters.count, characters[end] == "*" { end += 1 }
                    tokens.append(.command(String(characters[(index + 1)..<end])))
                    index = end
                } else {
                    tokens.append(.command(String(next)))
                    index += 2
                }
            case "{":
                tokens.append(.open)
                index += 1
            case "}":
                tokens.append(.close)
                index += 1
            case "^":
                tokens.append(.upper)
                index += 1
            case "_":
                tokens.append(.lower)
                index += 1
            case "&":
                tokens.append(.alignment)
                index += 1
            case "%":
                // A comment runs to the end of the line.
                while index < characters.count, characters[index] != "\n" { index += 1 }
            default:
                if character.isWhitespace {
                    if tokens.last != .space { tokens.append(.space) }
                } else {
                    tokens.append(.character(character))
                }
                index += 1
            }
        }
        return tokens
    }
}
