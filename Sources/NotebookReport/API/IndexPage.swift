import Foundation

/// The page that lists every report of a folder (`reports/index.html`).
public struct IndexPage: Sendable {
    /// How the page is rendered (generator name, time zone).
    public var options: ReportOptions

    /// Creates an index page renderer.
    public init(options: ReportOptions = ReportOptions()) {
        self.options = options
    }

    /// The HTML of the index: one row per report (title linked to the report, status with the
    /// number of failed cells, run date, total time, cached or not), in the order given.
    public func render(entries: [ReportIndexEntry]) -> String {
        let failed = entries.filter { $0.failedCellCount > 0 }.count
        var main = "<header class=\"report-header\"><h1 class=\"report-title\">Notebook reports</h1>"
        main += "<div class=\"run-meta\"><span>\(entries.count) \(entries.count == 1 ? "report" : "reports")</span>"
        main += failed == 0
            ? "<span class=\"pill ok\">all ok</span>"
            : "<span class=\"pill failed\">\(failed) failed</span>"
        main += "</div></header>"
        guard !entries.isEmpty else {
            return ReportPage.html(
                title: "Notebook reports", contents: "",
                main: main + "<p class=\"chart-empty\">No reports yet.</p>", generator: options.generator)
        }
        main += "<div class=\"table-output\"><table class=\"index\"><thead><tr><th>notebook</th><th>status</th>"
        main += "<th>run</th><th>time</th><th>source</th></tr></thead><tbody>"
        for entry in entries {
            main += "<tr><td><a href=\"" + HTMLEscaping.escape(Self.link(entry.reportPath)) + "\">"
            main += HTMLEscaping.escape(entry.title) + "</a></td><td>"
            if entry.failedCellCount == 0 {
                main += "<span class=\"pill ok\">ok</span>"
            } else {
                let cells = entry.failedCellCount == 1 ? "cell" : "cells"
                main += "<span class=\"pill failed\">failed: \(entry.failedCellCount) \(cells)</span>"
            }
            if entry.fromCache { main += " <span class=\"pill cached\">cached</span>" }
            main += "</td><td><time datetime=\"\(Formatting.isoDate(entry.runDate))\">"
            main += HTMLEscaping.escape(Formatting.date(entry.runDate, in: options.timeZone)) + "</time></td>"
            main += "<td class=\"numeric\">" + Formatting.duration(entry.totalSeconds) + "</td>"
            main += "<td><code>" + HTMLEscaping.escape(entry.notebookPath) + "</code></td></tr>"
        }
        main += "</tbody></table></div>"
        return ReportPage.html(title: "Notebook reports", contents: "", main: main, generator: options.generator)
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
