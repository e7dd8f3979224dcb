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
    mutating func slug(for text: String) -> String {
        var base = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "_" || character == "-" {
                base.append(character)
            } else if character == " " {
                base.append("-")
            }
        }
        if base.isEmpty { base = "section" }
        var candidate = base
        var counter = nextSuffix[base, default: 1]
        while used.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        nextSuffix[base] = counter
        used.insert(candidate)
        return candidate
    }
}
