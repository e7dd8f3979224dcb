import CMark

/// GitHub-flavoured Markdown as passes over cmark's tree (libcmark 0.30 is plain CommonMark):
/// tables, footnotes, task lists, autolinks, strikethrough and alerts, rendered as GitHub renders
/// them. The passes add HTML nodes; the report's sanitiser allows exactly the markup they make.
enum GFMExtensions {
    /// Applies every extension to a parsed document; `lines` are the text cmark parsed (for
    /// tables, whose rows cmark has already read as a paragraph).
    static func apply(to document: OpaquePointer, lines: [Substring], inlineHTML: ([String]) -> [String]) {
        GFMTable.apply(to: document, lines: lines, inlineHTML: inlineHTML)
        cmark_consolidate_text_nodes(document)
        GFMFootnotes.apply(to: document)
        GFMTaskList.apply(to: document)
        applyInline(to: document)
        GFMAlert.apply(to: document)
    }

    /// The extensions that work inside a paragraph: autolinks, then strikethrough.
    static func applyInline(to document: OpaquePointer) {
        cmark_consolidate_text_nodes(document)
        GFMAutolink.apply(to: document)
        GFMStrikethrough.apply(to: document)
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
