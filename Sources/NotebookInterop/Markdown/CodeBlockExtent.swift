import NotebookDocument

/// Where a code cell's block sits in the Markdown source: from its opening fence to its closing
/// fence (or, for an indented block, its last code line).
enum CodeBlockExtent {
    /// The 0-based index of the block's last line in `lines` (the file's lines).
    static func lastLine(of cell: CodeCell, in lines: [Substring]) -> Int {
        let opening = cell.fenceLine - 1
        guard opening >= 0, opening < lines.count, let fence = openingFence(lines[opening]) else {
            return min(max(cell.sourceLine - 1 + cell.sourceLines.count - 1, opening), lines.count - 1)
        }
        var index = opening + 1
        while index < lines.count {
            let trimmed = lines[index].drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.count >= fence.length, trimmed.allSatisfy({ $0 == fence.character }) { return index }
            index += 1
        }
        return lines.count - 1
    }

    /// The original text of the block, fences included.
    static func text(of cell: CodeCell, in lines: [Substring]) -> String {
        let first = max(cell.fenceLine - 1, 0)
        let last = lastLine(of: cell, in: lines)
        guard first <= last, last < lines.count else { return "" }
        return lines[first...last].joined(separator: "\n")
    }

    private static func openingFence(_ line: Substring) -> (character: Character, length: Int)? {
        let rest = line.drop(while: { $0 == " " })
        guard line.count - rest.count < 4, let first = rest.first, first == "`" || first == "~" else { return nil }
        let length = rest.prefix(while: { $0 == first }).count
        return length >= 3 ? (first, length) : nil
    }

    /// A fence of backticks longer than any run of backticks in `text` (at least three).
    static func fence(for text: String) -> String {
        var longest = 0, current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }
}
