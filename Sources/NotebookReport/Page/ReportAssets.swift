/// The files of `assets/report`, compiled into the binary (SwiftPM's `embedInCode`), as text.
///
/// A designer edits the files; the next build carries them. Nothing is read from disk at run
/// time, so a copied `notebook` binary renders the same pages.
enum ReportAssets {
    /// The page shell with its `{{slot}}`s (`page.html`).
    static let pageShell = text(PackageResources.page_html)
    /// The report's style sheet (`report.css`).
    static let reportStyle = text(PackageResources.report_css)
    /// Chart rules with fixed light colours, for charts outside a report (`chart-standalone.css`).
    static let standaloneChartStyle = text(PackageResources.chart_standalone_css)
    /// The copy buttons on code, the report's only script (`copy-button.js`).
    static let copyButtonScript = text(PackageResources.copy_button_js)
    /// The attention explorer's script (`attention-explorer.js`).
    static let attentionExplorerScript = text(PackageResources.attention_explorer_js)
    /// The live preview's reload script (`live-reload.js`).
    static let liveReloadScript = text(PackageResources.live_reload_js)
    /// The named character references (`tables/html-entities.tsv`).
    static let htmlEntities = text(PackageResources.html_entities_tsv)
    /// The TeX commands of the math converter (`tables/tex-symbols.tsv`).
    static let texSymbols = text(PackageResources.tex_symbols_tsv)

    private static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The lines of a tab-separated table that carry data (not empty, not `#` comments), split at
    /// tabs (fields are not trimmed: the TeX command `\ ` is a space).
    static func rows(_ table: String) -> [[Substring]] {
        table.split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
    }

    /// `css` without its `/* … */` comments and with surrounding whitespace trimmed.
    static func withoutComments(_ css: String) -> String {
        var output = ""
        var rest = Substring(css)
        while let open = rest.range(of: "/*") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "*/") else { return trimmed(output) }
            rest = rest[close.upperBound...]
        }
        return trimmed(output + rest)
    }

    private static func trimmed(_ text: String) -> String {
        var slice = Substring(text)
        while slice.first?.isWhitespace == true { slice.removeFirst() }
        while slice.last?.isWhitespace == true { slice.removeLast() }
        return String(slice)
    }
}
