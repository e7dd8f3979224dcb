/// A page in the report's look (style sheet, Content-Security-Policy, footer) around HTML made
/// elsewhere: the preview server's index and error pages.
public enum StandalonePage {
    /// The HTML5 page with `main` (trusted markup: escape every piece of text in it with
    /// ``escape(_:)``) as its content.
    public static func html(title: String, main: String, generator: String) -> String {
        ReportPage.html(title: title, contents: "", main: main, generator: generator)
    }

    /// `text` escaped for HTML element content and quoted attribute values.
    public static func escape(_ text: String) -> String {
        HTMLEscaping.escape(text)
    }

    /// A relative link to a page: path segments percent-encoded, never read as a scheme.
    public static func link(_ path: String) -> String {
        IndexPage.link(path)
    }
}
