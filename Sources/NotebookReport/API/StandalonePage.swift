/// A page in the report's look (style sheet, Content-Security-Policy, footer) around content
/// built elsewhere as ``HTMLNode``s: the preview server's index and error pages.
public enum StandalonePage {
    /// The HTML5 page with `main` as its content.
    public static func html(
        title: String, main: HTMLNode, generator: String, additions: PageAdditions = PageAdditions()
    ) -> String {
        ReportPage.html(title: title, main: main, generator: generator, additions: additions)
    }

    /// A relative link to a page: path segments percent-encoded, never read as a scheme.
    public static func link(_ path: String) -> String {
        IndexPage.link(path)
    }
}
