/// The HTML5 document around a report's (or the index's, or a sweep's) content: the shell of
/// `assets/report/page.html` with the style sheet, the Content-Security-Policy and the scripts.
enum ReportPage {
    /// The style sheet, inlined in every page (light and dark colours, print rules).
    static let style = HTMLNode.trusted(ReportAssets.withoutComments(ReportAssets.reportStyle))

    static func html(
        title: String, contents: HTMLNode = .empty, main: HTMLNode, generator: String,
        additions: PageAdditions = PageAdditions(), needsAttentionExplorer: Bool = false
    ) -> String {
        let scripts =
            [InlineScript.copyButton] + (needsAttentionExplorer ? [.attentionExplorer] : []) + additions.scripts
        // Written as is: the policy is made of constants and base64 hashes only (no quote, `<` or
        // `&`), and browsers and checkers read its `'sha256-…'` sources literally.
        let policy = contentSecurityPolicy(scripts: scripts, connectsToOrigin: additions.connectsToOrigin)
        assert(!policy.contains(where: { "\"<>&".contains($0) }))
        let head = additions.metadata.sorted { $0.key < $1.key }.map { name, content in
            HTMLNode.fragment([.element("meta", [.init("name", name), .init("content", content)]), "\n"])
        }
        return PageShell.report.render([
            "csp": .trusted(policy),
            "generator": .text(generator),
            "title": .text(title),
            "style": style,
            "head": .fragment(head),
            "layout-class": .text(contents == .empty ? "layout no-toc" : "layout"),
            "contents": contents,
            "main": main,
            "scripts": .fragment(scripts.flatMap { [$0.node, "\n"] }),
        ])
    }

    /// The page's Content-Security-Policy: nothing loads but inline styles, images (embedded, or
    /// remote ones the notes link to) and the given scripts, by hash (the added ones first, then
    /// the report's own).
    static func contentSecurityPolicy(scripts: [InlineScript], connectsToOrigin: Bool) -> String {
        "default-src 'none'; style-src 'unsafe-inline'; img-src data: http: https:; "
            + (connectsToOrigin ? "connect-src 'self'; " : "")
            + "script-src " + (scripts.dropFirst() + scripts.prefix(1)).map(\.hashSource).joined(separator: " ")
            + "; base-uri 'none'; form-action 'none'"
    }
}
