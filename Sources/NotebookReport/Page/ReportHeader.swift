import Foundation
import NotebookDocument

/// The top of a report: title, run date, times, status, parameters, and the failure banner.
enum ReportHeader {
    static func html(notebook: Notebook, run: NotebookRun, showsTitle: Bool, context: RenderContext) -> String {
        var html = "<header class=\"report-header\">"
        if showsTitle {
            html += "<h1 class=\"report-title\">" + HTMLEscaping.escape(notebook.title) + "</h1>"
        }
        html += "<div class=\"run-meta\">"
        let failed = run.failedCells.count
        html += failed == 0
            ? "<span class=\"pill ok\">all cells ok</span>"
            : "<span class=\"pill failed\">\(failed) \(failed == 1 ? "cell" : "cells") failed</span>"
        html += "<span>run <time datetime=\"\(Formatting.isoDate(run.startedAt))\">"
        html += HTMLEscaping.escape(Formatting.date(run.startedAt, in: context.options.timeZone)) + "</time></span>"
        // A cached run shows the times of the run that made its outputs, marked as such.
        var time = (run.fromCache ? "cached run, originally total " : "total ") + Formatting.duration(run.totalSeconds)
        if run.compileSeconds > 0 { time += " (compile " + Formatting.duration(run.compileSeconds) + ")" }
        html += "<span>" + time + "</span>"
        let ran = run.cells.filter { $0.executionCount != nil }.count
        html += "<span>\(ran) of \(notebook.runnableCells.count) cells ran</span>"
        if run.fromCache { html += "<span class=\"pill cached\" title=\"outputs from the cache\">cached</span>" }
        html += "<span class=\"source\">" + HTMLEscaping.escape(notebook.path) + "</span>"
        html += "</div>"
        if !run.parameters.isEmpty {
            html += "<table class=\"params\"><caption class=\"sr\">Parameters</caption>"
            html += "<thead><tr><th>parameter</th><th>value</th><th>type</th></tr></thead><tbody>"
            let defaults = Dictionary(
                notebook.frontMatter.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
            for parameter in run.parameters {
                let changed = defaults[parameter.name].map { $0 != parameter.value } ?? false
                html += "<tr><td><code>" + HTMLEscaping.escape(parameter.name) + "</code></td><td><code>"
                html += HTMLEscaping.escape(parameter.value.description) + "</code>"
                if changed, let original = defaults[parameter.name] {
                    html += " <span class=\"muted\">(default " + HTMLEscaping.escape(original.description) + ")</span>"
                }
                html += "</td><td>" + parameter.value.swiftType + "</td></tr>"
            }
            html += "</tbody></table>"
        }
        return html + "</header>" + failureBanner(notebook: notebook, run: run, context: context)
    }

    /// The banner listing the failed cells, each linked to its anchor; "" when none failed.
    static func failureBanner(notebook: Notebook, run: NotebookRun, context: RenderContext) -> String {
        let failed = run.failedCells
        guard !failed.isEmpty else { return "" }
        let cells = Dictionary(notebook.codeCells.map { ($0.ordinal, $0) }, uniquingKeysWith: { first, _ in first })
        var html = "<div class=\"failure-banner\" id=\"failures\" role=\"alert\"><strong>"
        html += failed.count == 1 ? "A cell failed" : "\(failed.count) cells failed"
        html += "</strong><ul>"
        for cellRun in failed {
            guard case .failed(let failure) = cellRun.status else { continue }
            let cell = cells[cellRun.ordinal]
            let location = failure.location ?? SourceLocation(file: context.notebookPath, line: cell?.fenceLine ?? 0)
            var message = failure.message.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
            if message.count > 300 { message = String(message.prefix(299)) + "…" }
            html += "<li>"
            if let cell {
                html += "<a href=\"#" + HTMLEscaping.escape(cell.anchor) + "\">cell "
                html += cellRun.executionCount.map { "[\($0)]" } ?? "at line \(cell.fenceLine)"
                html += "</a>: "
            }
            html += "<span class=\"kind\">" + HTMLEscaping.escape(failure.kind.rawValue) + "</span>: "
            html += "<span class=\"msg\">" + HTMLEscaping.escape(message) + "</span> "
            html += "<span class=\"loc\">" + HTMLEscaping.escape(location.description) + "</span></li>"
        }
        return html + "</ul></div>"
    }
}
