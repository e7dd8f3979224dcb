/// The table of contents: the h1–h3 headings of the notes, linked to their anchors.
enum TableOfContents {
    /// One heading.
    struct Entry: Equatable {
        var level: Int
        var text: String
        var anchor: String
    }

    /// The `<nav>` for `entries` (levels 1–3 only), or "" when there are fewer than two.
    static func html(_ entries: [Entry]) -> String {
        let shown = entries.filter { $0.level <= 3 }
        guard shown.count >= 2 else { return "" }
        let top = shown.map(\.level).min() ?? 1
        var html = "<nav class=\"toc\" id=\"toc\" aria-label=\"Contents\"><details open><summary>Contents</summary><ul>"
        for entry in shown {
            let depth = entry.level - top
            html += "<li class=\"toc-\(depth)\"><a href=\"#" + HTMLEscaping.escape(entry.anchor) + "\">"
            html += HTMLEscaping.escape(entry.text) + "</a></li>"
        }
        return html + "</ul></details></nav>"
    }
}
