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
        applyTables(to: document, text: text, firstLine: firstLine, inlineHTML: inlineHTML)
        let features = GFMTextFeatures(consolidatingTextUnder: document)
        // Neither pass leaves two text nodes side by side (a footnote reference's text pieces
        // are split by its link, a task marker's text follows its checkbox): the autolinks see
        // consolidated text without another walk.
        if features.footnotes { GFMFootnotes.apply(to: document, markup: markup) }
        if features.taskMarkers { GFMTaskList.apply(to: document, markup: markup) }
        applyAutolinksAndStrikethrough(to: document, features: features, markup: markup)
        if features.alertMarkers { GFMAlert.apply(to: document, markup: markup) }
    }

    /// ``apply(to:text:firstLine:inlineHTML:markup:)`` for a reader that walks the tree once
    /// and calls ``applyInLeaf(_:markup:)`` as it enters each paragraph and heading
    /// (``CMarkHTMLTokens``). The document-wide passes run now: tables, and footnotes and alerts
    /// when the text may hold their markers (`[^`, `[!`, or a `&` whose character reference
    /// could make one; `replacesText` when inline expressions put text in the tree), after a walk
    /// that consolidates every text node. The rest run on each leaf while its nodes are in cache:
    /// a walk over a large tree costs a cache miss per node, and a 1 MB list of task items was
    /// walked five times.
    ///
    /// The passes that run in leaves read nothing outside their paragraph or heading, and the
    /// document-wide ones run before them either way, so the tree is the one
    /// ``apply(to:text:firstLine:inlineHTML:markup:)`` makes (`RenderedTokensTests` compares).
    static func applyDocumentWide(
        to document: OpaquePointer, text: String, firstLine: Int = 1, replacesText: Bool,
        inlineHTML: ([String]) -> [String], markup: GFMMarkupTokens
    ) {
        applyTables(to: document, text: text, firstLine: firstLine, inlineHTML: inlineHTML)
        let mayHoldMarkers =
            replacesText || ByteSearch.contains("[^", in: text) || ByteSearch.contains("[!", in: text)
            || ByteSearch.contains("&", in: text)
        guard mayHoldMarkers else { return }
        let features = GFMTextFeatures(consolidatingTextUnder: document)
        if features.footnotes { GFMFootnotes.apply(to: document, markup: markup) }
        if features.alertMarkers { GFMAlert.apply(to: document, markup: markup) }
    }

    /// The passes of one paragraph or heading (``applyDocumentWide(to:text:firstLine:replacesText:inlineHTML:markup:)``):
    /// its text consolidated, then task lists, autolinks and strikethrough where its text holds
    /// their patterns.
    static func applyInLeaf(_ leaf: OpaquePointer, markup: GFMMarkupTokens) {
        let features = GFMTextFeatures(consolidatingTextUnder: leaf)
        if features.taskMarkers { GFMTaskList.apply(toParagraph: leaf, markup: markup) }
        applyAutolinksAndStrikethrough(to: leaf, features: features, markup: markup)
    }

    /// Tables, when `text` holds a `|` (only then is it split into lines).
    private static func applyTables(
        to document: OpaquePointer, text: String, firstLine: Int, inlineHTML: ([String]) -> [String]
    ) {
        guard ByteSearch.contains("|", in: text) else { return }
        GFMTable.apply(to: document, lines: ByteSearch.lines(of: text), firstLine: firstLine, inlineHTML: inlineHTML)
    }

    /// The extensions that work inside a paragraph: autolinks, then strikethrough.
    static func applyInline(to document: OpaquePointer) {
        applyAutolinksAndStrikethrough(
            to: document, features: GFMTextFeatures(consolidatingTextUnder: document), markup: GFMMarkupTokens())
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
