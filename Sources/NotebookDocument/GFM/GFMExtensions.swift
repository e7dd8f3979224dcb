import CMark

/// GitHub-flavoured Markdown as passes over cmark's tree (libcmark 0.30 is plain CommonMark):
/// tables, footnotes, task lists, autolinks, strikethrough and alerts, rendered as GitHub renders
/// them. The passes add HTML nodes; the report's sanitiser allows exactly the markup they make.
enum GFMExtensions {
    /// Applies every extension to a parsed document; `text` is the text cmark parsed (for
    /// tables, whose rows cmark has already read as a paragraph), whose first line is the tree's
    /// line `firstLine`.
    ///
    /// A pass runs only when its marker is in the text: a table needs a `|` in `text` (only then
    /// is the text split into lines), the others a pattern in a text node (``GFMTextFeatures``).
    ///
    /// - Parameter markup: where the passes keep the tokens of the HTML nodes they add.
    static func apply(
        to document: OpaquePointer, text: String, firstLine: Int = 1, inlineHTML: ([String]) -> [String],
        markup: GFMMarkupTokens = GFMMarkupTokens()
    ) {
        if ByteSearch.contains("|", in: text) {
            GFMTable.apply(
                to: document, lines: ByteSearch.lines(of: text), firstLine: firstLine, inlineHTML: inlineHTML)
        }
        cmark_consolidate_text_nodes(document)
        let features = GFMTextFeatures(under: document)
        if features.footnotes { GFMFootnotes.apply(to: document, markup: markup) }
        if features.taskMarkers { GFMTaskList.apply(to: document, markup: markup) }
        cmark_consolidate_text_nodes(document)
        applyAutolinksAndStrikethrough(to: document, features: features, markup: markup)
        if features.alertMarkers { GFMAlert.apply(to: document, markup: markup) }
    }

    /// The extensions that work inside a paragraph: autolinks, then strikethrough.
    static func applyInline(to document: OpaquePointer) {
        cmark_consolidate_text_nodes(document)
        applyAutolinksAndStrikethrough(
            to: document, features: GFMTextFeatures(under: document), markup: GFMMarkupTokens())
    }

    private static func applyAutolinksAndStrikethrough(
        to document: OpaquePointer, features: GFMTextFeatures, markup: GFMMarkupTokens
    ) {
        if features.autolinks { GFMAutolink.apply(to: document) }
        if features.tildes { GFMStrikethrough.apply(to: document, markup: markup) }
    }
}

extension String {
    /// The text with `&`, `<`, `>` and `"` escaped for HTML.
    var htmlEscaped: String {
        var result = ""
        for character in self {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
