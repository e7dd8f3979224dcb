/// Fences for code the writers generate (outputs as `text` blocks, imported code cells).
enum CodeFence {
    /// A fence of backticks longer than any run of backticks in `text` (at least three), so the
    /// text can never close it.
    static func enclosing(_ text: String) -> String {
        var longest = 0
        var current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }
}
