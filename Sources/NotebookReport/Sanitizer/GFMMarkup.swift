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
    static func allowsID(_ value: String) -> Bool {
        value.hasPrefix("user-content-") && value.count <= 80
            && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// Whether filtered `input` attributes make a disabled checkbox.
    static func isTaskCheckbox(_ attributes: [HTMLAttribute]) -> Bool {
        attributes.contains { $0.name == "type" && $0.value == "checkbox" }
            && attributes.contains { $0.name == "disabled" }
    }
}
