/// Renders Markdown prose to HTML with libcmark (CommonMark).
public enum MarkdownRenderer {
    /// The HTML for `markdown`. Raw HTML in the Markdown is passed through unchanged, so the result
    /// must be sanitised before it is put in a page (the report does).
    ///
    /// - Parameter inlineExpressions: what replaces the prose's inline expressions
    ///   (`` `{swift} expr` ``), in document order; an expression without a replacement stays a
    ///   code span.
    /// - Parameter linkReferenceDefinitions: the Markdown of definitions from elsewhere in the
    ///   document (those ``LinkReferenceDefinitions/used(in:outside:)`` lists, a blank line
    ///   apart), read before `markdown`, so the first definition of a label in the document wins,
    ///   as on GitHub.
    public static func html(
        _ markdown: String, inlineExpressions: [InlineReplacement] = [], linkReferenceDefinitions: String = ""
    ) -> String {
        html(
            markdown, inlineExpressions: inlineExpressions, linkReferenceDefinitions: linkReferenceDefinitions,
            tree: nil)
    }

    /// ``html(_:inlineExpressions:linkReferenceDefinitions:)``, from `tree` (cmark's tree of
    /// `markdown` kept from the notebook's parse, ``ProseBlock/parsedTree``) when it is given,
    /// not yet taken, and no definitions are carried in; else `markdown` is parsed.
    package static func html(
        _ markdown: String, inlineExpressions: [InlineReplacement] = [], linkReferenceDefinitions: String = "",
        tree: ParsedProse?
    ) -> String {
        CommonMarkConverter.html(
            from: linkReferenceDefinitions.isEmpty ? markdown : linkReferenceDefinitions + "\n\n" + markdown,
            inlineReplacements: inlineExpressions, tree: linkReferenceDefinitions.isEmpty ? tree : nil)
    }
}

extension MarkdownRenderer {
    /// ``html(_:inlineExpressions:linkReferenceDefinitions:tree:)`` as the tokens a reader of
    /// the HTML would read (``CMarkHTMLTokens``), without the HTML being written; the HTML when
    /// raw HTML in it leaves markup open (`tokenizingRaw`, the reader's tokens of a fragment,
    /// gives nil for it).
    package static func tokens(
        _ markdown: String, inlineExpressions: [InlineReplacement] = [], linkReferenceDefinitions: String = "",
        tree: ParsedProse?, tokenizingRaw: ([UInt8]) -> [HTMLToken]?
    ) -> RenderedMarkdown {
        CommonMarkConverter.tokens(
            from: linkReferenceDefinitions.isEmpty ? markdown : linkReferenceDefinitions + "\n\n" + markdown,
            inlineReplacements: inlineExpressions, tree: linkReferenceDefinitions.isEmpty ? tree : nil,
            tokenizingRaw: tokenizingRaw)
    }
}

/// Rendered Markdown: its HTML's tokens, or the HTML itself to be tokenized.
package enum RenderedMarkdown {
    case tokens([HTMLToken])
    case html(String)
}

/// What an inline expression's code span becomes in rendered prose.
public enum InlineReplacement: Sendable, Equatable {
    /// Plain text (the expression's value), escaped by the renderer.
    case text(String)
    /// A code span with this text (an expression that failed or did not run).
    case code(String)
}
