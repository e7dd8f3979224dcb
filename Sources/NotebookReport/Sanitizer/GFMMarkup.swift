import NotebookDocument

/// The markup GitHub's Markdown extensions add (see NotebookDocument's GFM passes), and nothing
/// more: the sanitiser keeps these attributes and drops every other `class`, `id` and `input`.
enum GFMMarkup {
    /// Classes allowed per element: alert callouts and the footnotes section.
    static let classes: [String: Set<String>] = [
        "div": Set(
            ["markdown-alert"] + ["note", "tip", "important", "warning", "caution"].map { "markdown-alert-" + $0 }),
        "p": ["markdown-alert-title"],
        "section": ["footnotes"],
    ]

    /// Whether every class in `value` is one GFM output puts on `element`.
    static func allowsClass(_ value: String, on element: String) -> Bool {
        guard let allowed = classes[element] else { return false }
        let names = value.split(separator: " ")
        return !names.isEmpty && names.allSatisfy { allowed.contains(String($0)) }
    }

    /// Footnote ids: `user-content-` and a few safe characters, as GitHub prefixes them, so a
    /// note's id can never take the place of one of the report's own.
    /// Read on its bytes: an ASCII letter, digit, `-` or `_` byte is a `Character` of its own
    /// only when the next byte is not a combining mark, which is not allowed either.
    static func allowsID(_ value: String) -> Bool {
        value.utf8.count <= 80 && value.utf8.starts(with: "user-content-".utf8)
            && value.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                    true
                default: false
                }
            }
    }

    /// Whether filtered `input` attributes make a disabled checkbox.
    static func isTaskCheckbox(_ attributes: [HTMLAttribute]) -> Bool {
        attributes.contains { $0.name == "type" && $0.value == "checkbox" }
            && attributes.contains { $0.name == "disabled" }
    }
}
