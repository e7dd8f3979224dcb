/// The table of contents: the h1–h3 headings of the notes, linked to their anchors.
enum TableOfContents {
    /// One heading.
    struct Entry: Equatable {
        var level: Int
        var text: String
        var anchor: String
    }

    /// The `<nav>` for `entries` (levels 1–3 only), or nothing when there are fewer than two.
    static func node(_ entries: [Entry]) -> HTMLNode {
        let shown = entries.filter { $0.level <= 3 }
        guard shown.count >= 2 else { return .empty }
        let top = shown.map(\.level).min() ?? 1
        let items = shown.map { entry in
            HTMLNode.element(
                "li", class: "toc-\(entry.level - top)",
                [
                    .element("a", [.href("#" + entry.anchor)], [.text(entry.text)])
                ])
        }
        return .element(
            "nav", class: "toc", [.id("toc"), .init("aria-label", "Contents")],
            [
                .element("details", [.init("open", nil)], [.element("summary", ["Contents"]), .element("ul", items)])
            ])
    }
}
