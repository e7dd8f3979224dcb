/// Completion for `complete_request`: the names declared at the top level of earlier cells
/// (and the notebook's parameters) that start with the word before the cursor.
public enum CompletionIndex {
    /// The declared names in `sources` (`let`, `var`, `func`, types), deduplicated and sorted.
    public static func declaredNames(in sources: [String]) -> [String] {
        let introducers: Set<Substring> = [
            "let", "var", "func", "struct", "class", "enum", "protocol", "typealias", "actor",
        ]
        var names: Set<String> = []
        for source in sources {
            for line in source.split(separator: "\n") {
                let words = line.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
                for (index, word) in words.enumerated().dropLast() where introducers.contains(word) {
                    let name = words[index + 1]
                    if let first = name.first, first.isLetter || first == "_" { names.insert(String(name)) }
                }
            }
        }
        return names.sorted()
    }

    /// The identifier ending at `cursor` (counted in Unicode scalars, as the protocol does) and
    /// where it starts.
    public static func word(in code: String, cursor: Int) -> (word: String, start: Int) {
        let scalars = Array(code.unicodeScalars)
        let end = min(max(cursor, 0), scalars.count)
        var start = end
        while start > 0 {
            let scalar = scalars[start - 1]
            guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_" else { break }
            start -= 1
        }
        var word = String.UnicodeScalarView()
        word.append(contentsOf: scalars[start..<end])
        return (String(word), start)
    }
}
