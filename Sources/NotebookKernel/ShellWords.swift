/// Splits a command line as printed by `swiftc -###` and `clang -###` into its arguments.
///
/// Both quote the way a POSIX shell reads: `'…'` is literal, `"…"` keeps everything but a
/// backslash before `\`, `"`, `$` or `` ` ``, and a backslash outside quotes escapes the next
/// character. Unquoted blanks separate arguments.
enum ShellWords {
    /// The arguments of `line`, or nil when a quote is not closed.
    static func split(_ line: String) -> [String]? {
        var words: [String] = []
        var word = ""
        var inWord = false
        var characters = line.makeIterator()
        while let character = characters.next() {
            switch character {
            case " ", "\t", "\n":
                if inWord { words.append(word) }
                word = ""
                inWord = false
            case "'":
                inWord = true
                guard let quoted = read(&characters, until: "'", escapes: []) else { return nil }
                word += quoted
            case "\"":
                inWord = true
                guard let quoted = read(&characters, until: "\"", escapes: ["\\", "\"", "$", "`"]) else { return nil }
                word += quoted
            case "\\":
                inWord = true
                if let next = characters.next() { word.append(next) }
            default:
                inWord = true
                word.append(character)
            }
        }
        if inWord { words.append(word) }
        return words
    }

    /// The text up to the closing `quote` (consumed), a backslash escaping the characters in `escapes`.
    private static func read(
        _ characters: inout String.Iterator, until quote: Character, escapes: Set<Character>
    ) -> String? {
        var text = ""
        while let character = characters.next() {
            if character == quote { return text }
            if character == "\\", !escapes.isEmpty {
                guard let next = characters.next() else { return nil }
                if !escapes.contains(next) { text.append("\\") }
                text.append(next)
            } else {
                text.append(character)
            }
        }
        return nil
    }
}
