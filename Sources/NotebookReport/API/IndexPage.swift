import Foundation

/// The page that lists every report of a folder (`reports/index.html`).
public struct IndexPage: Sendable {
    /// How the page is rendered (generator name, time zone).
    public var options: ReportOptions

    /// Creates an index page renderer.
    public init(options: ReportOptions = ReportOptions()) {
        self.options = options
    }

    /// The HTML of the index: one row per report (title linked to the report, status with what
    /// failed, run date, total time, cached or not), in the order given.
    public func render(entries: [ReportIndexEntry]) -> String {
        let failed = entries.filter { !$0.failures.isEmpty }.count
        let header = HTMLNode.element(
            "header", class: "report-header",
            [
                .element("h1", class: "report-title", ["Notebook reports"]),
                .element(
                    "div", class: "run-meta",
                    [
                        .element("span", [.text("\(entries.count) \(entries.count == 1 ? "report" : "reports")")]),
                        failed == 0
                            ? .element("span", class: "pill ok", ["all ok"])
                            : .element("span", class: "pill failed", [.text("\(failed) failed")]),
                    ]),
            ])
        guard !entries.isEmpty else {
            return ReportPage.html(
                title: "Notebook reports",
                main: .fragment([header, .element("p", class: "chart-empty", ["No reports yet."])]),
                generator: options.generator)
        }
        let rows = entries.map { entry -> HTMLNode in
            var status: [HTMLNode] = [
                entry.failures.isEmpty
                    ? .element("span", class: "pill ok", ["ok"])
                    : .element("span", class: "pill failed", [.text("failed: \(entry.failures.description)")])
            ]
            if entry.fromCache { status += [" ", .element("span", class: "pill cached", ["cached"])] }
            return .element(
                "tr",
                [
                    .element("td", [.element("a", [.href(Self.link(entry.reportPath))], [.text(entry.title)])]),
                    .element("td", status),
                    .element(
                        "td",
                        [
                            .element(
                                "time", [.init("datetime", Formatting.isoDate(entry.runDate))],
                                [
                                    .text(Formatting.date(entry.runDate, in: options.timeZone))
                                ])
                        ]),
                    .element("td", class: "numeric", [.text(Formatting.duration(entry.totalSeconds))]),
                    .element("td", [.element("code", [.text(entry.notebookPath)])]),
                ])
        }
        let table = HTMLNode.indexTable(
            headers: ["notebook", "status", "run", "time", "source"].map { .text($0) }, rows: rows)
        return ReportPage.html(
            title: "Notebook reports", main: .fragment([header, table]), generator: options.generator)
    }

    /// A relative link to a report: path segments percent-encoded, and never read as a scheme
    /// (`javascript:x.html` becomes `./javascript%3Ax.html`).
    static func link(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":;?#[]@!$&'()*+,=%")
        let encoded = path.split(separator: "/", omittingEmptySubsequences: false).map {
            String($0).addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        }.joined(separator: "/")
        if encoded.hasPrefix("//") { return "/" + encoded.drop(while: { $0 == "/" }) }
        return encoded.hasPrefix("/") || encoded.hasPrefix(".") ? encoded : "./" + encoded
    }
}
