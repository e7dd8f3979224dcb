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
        return .element(
            "nav", class: "toc", [.id("toc"), .init("aria-label", "Contents")],
            [
                .element(
                    "details", [.init("open", nil)],
                    [.element("summary", ["Contents"]), .element("ul", [items(shown, top: top)])])
            ])
    }

    /// The list items `<li class="toc-N"><a href="#anchor">text</a></li>`, written straight
    /// into one buffer (anchor and text escaped) rather than built as three nodes per heading
    /// and freed again: a page of 100 000 headings spent a fifth of its time on that tree.
    private static func items(_ entries: [Entry], top: Int) -> HTMLNode {
        var markup = MarkupBuffer(capacity: entries.count * 48)
        for entry in entries {
            markup.append("<li class=\"toc-")
            HTMLEscaping.appendEscaped(String(entry.level - top), to: &markup)
            markup.append("\"><a href=\"#")
            HTMLEscaping.appendEscaped(entry.anchor, to: &markup)
            markup.append("\">")
            HTMLEscaping.appendEscaped(entry.text, to: &markup)
            markup.append("</a></li>")
        }
        return .trusted(markup.string)
    }
}
