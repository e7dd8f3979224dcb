/// Renders Markdown prose to HTML with libcmark (CommonMark).
public enum MarkdownRenderer {
    /// The HTML for `markdown`. Raw HTML in the Markdown is passed through unchanged, so the result
    /// must be sanitised before it is put in a page (the report does).
    public static func html(_ markdown: String) -> String {
        CommonMarkConverter.html(from: markdown)
    }
}
