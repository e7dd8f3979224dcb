import NotebookDocument
import NotebookOutput

/// The comparison page of a parameter sweep (`notes.sweep.html`): the notes' prose once, and under
/// each code cell its outputs for every value side by side, one column per value. Line charts
/// that the runs share (same title and axes) are overlaid in one chart, series named
/// "value: name"; a cell whose outputs are the same for every value shows them once.
public struct SweepPage: Sendable {
    /// How the page is rendered.
    public var options: ReportOptions

    /// Creates a comparison page renderer.
    public init(options: ReportOptions = ReportOptions()) {
        self.options = options
    }

    /// The page for `notebook` run once per variant of `parameter`.
    public func render(notebook: Notebook, parameter: String, variants: [SweepVariant]) -> RenderedReport {
        let context = RenderContext(
            options: options, notebookPath: notebook.path, reservedAnchors: notebook.codeCells.map(\.anchor))
        let values = variants.map(\.value)
        var main = "<style>" + Self.style(columns: variants.count) + "</style>"
        // The notes' own first heading names the notebook already when it is the title.
        let headingIsTitle = notebook.blocks.first { if case .prose = $0 { true } else { false } }
            .map { if case .prose(let prose) = $0 { prose.firstHeading == notebook.title } else { false } } ?? false
        main += "<header class=\"report-header\">"
        if !headingIsTitle { main += "<h1 class=\"report-title\">" + HTMLEscaping.escape(notebook.title) + "</h1>" }
        main += "<div class=\"run-meta\"><span>sweep of <code>" + HTMLEscaping.escape(parameter) + "</code> over "
        main += values.map { "<code>" + HTMLEscaping.escape($0) + "</code>" }.joined(separator: ", ") + "</span></div></header>"
        main += variantTable(parameter: parameter, variants: variants)
        for block in notebook.blocks {
            switch block {
            case .prose(let prose):
                main += "<div class=\"prose\">" + ProseRenderer.html(prose, context: context) + "</div>\n"
            case .code(let cell):
                main += self.cell(cell, variants: variants, context: context) + "\n"
            }
        }
        let html = ReportPage.html(
            title: notebook.title + " — " + parameter + " sweep", contents: "", main: main, generator: options.generator)
        return RenderedReport(html: html, warnings: context.warnings)
    }

    private func variantTable(parameter: String, variants: [SweepVariant]) -> String {
        var html = "<div class=\"table-output\"><table class=\"index\"><thead><tr><th>" + HTMLEscaping.escape(parameter)
        html += "</th><th>status</th><th>time</th></tr></thead><tbody>"
        for variant in variants {
            html += "<tr><td>"
            if let link = variant.reportLink {
                html += "<a href=\"" + HTMLEscaping.escape(IndexPage.link(link)) + "\">" + HTMLEscaping.escape(variant.value) + "</a>"
            } else {
                html += HTMLEscaping.escape(variant.value)
            }
            html += "</td><td>" + statusPill(variant) + "</td><td class=\"numeric\">"
            html += variant.run.map { Formatting.duration($0.totalSeconds) } ?? "" + "</td></tr>"
        }
        return html + "</tbody></table></div>"
    }

    private func statusPill(_ variant: SweepVariant) -> String {
        guard let run = variant.run else {
            return "<span class=\"pill failed\">" + HTMLEscaping.escape(variant.problem ?? "did not run") + "</span>"
        }
        let failed = run.failedCells.count
        return failed == 0 ? "<span class=\"pill ok\">ok</span>" : "<span class=\"pill failed\">failed: \(failed)</span>"
    }

    private func cell(_ cell: CodeCell, variants: [SweepVariant], context: RenderContext) -> String {
        var html = "<section class=\"cell sweep-cell\" id=\"" + HTMLEscaping.escape(cell.anchor) + "\">"
        let language = cell.language.isEmpty ? "text" : cell.language
        if cell.options.echo || !cell.isSwift {
            html += "<details class=\"code\"" + (cell.isSwift ? "" : " open") + "><summary class=\"code-bar\"><span class=\"lang\">"
            html += HTMLEscaping.escape(language) + " · line \(cell.fenceLine)</span></summary><pre><code>"
            html += cell.isSwift ? SwiftHighlighter.highlight(cell.source) : HTMLEscaping.escape(cell.source)
            html += "</code></pre></details>"
        }
        guard cell.isSwift, cell.options.eval, cell.options.output else { return html + "</section>" }
        let runs = variants.map { $0.run?.cell(ordinal: cell.ordinal) }
        let outputs = runs.map { $0?.outputs ?? [] }
        if runs.allSatisfy({ $0 == nil || ($0?.outputs.isEmpty == true && !Self.failed($0)) }) { return html + "</section>" }
        let (charts, merged) = ChartMerging.merge(values: variants.map(\.value), outputs: outputs)
        for chart in charts {
            html += "<div class=\"output display sweep-merged\">" + RichOutputView.html(.lineChart(chart), context: context) + "</div>"
        }
        let rest = outputs.map { ChartMerging.removing(merged, from: $0) }
        let statuses = runs.map { $0?.status }
        if variants.count > 1, rest.dropFirst().allSatisfy({ $0 == rest[0] }), statuses.dropFirst().allSatisfy({ $0 == statuses[0] }),
            runs.allSatisfy({ $0 != nil })
        {
            if !rest[0].isEmpty || Self.failed(runs[0]) {
                html += "<div class=\"sweep-same\"><span class=\"pill cached\">same for every value</span>"
                html += column(rest[0], run: runs[0], context: context) + "</div>"
            }
            return html + "</section>"
        }
        html += "<div class=\"sweep-grid\">"
        for (index, variant) in variants.enumerated() {
            html += "<div class=\"sweep-col\"><div class=\"sweep-value\">" + HTMLEscaping.escape(variant.value) + "</div>"
            html += column(rest[index], run: runs[index], context: context) + "</div>"
        }
        return html + "</div></section>"
    }

    private func column(_ outputs: [CellOutput], run: CellRun?, context: RenderContext) -> String {
        guard let run else { return "<p class=\"notice not-run\">no run</p>" }
        var html = OutputListView.html(outputs, executionCount: run.executionCount, context: context)
        switch run.status {
        case .failed(let failure), .expectedFailure(let failure):
            html += "<div class=\"failure\" role=\"alert\"><div class=\"failure-head\"><strong>"
            html += HTMLEscaping.escape(failure.kind.rawValue) + "</strong></div><pre class=\"failure-message\">"
            html += HTMLEscaping.escape(failure.message) + "</pre></div>"
        case .notRun(let reason):
            html += "<div class=\"notice not-run\">not run: " + HTMLEscaping.escape(reason) + "</div>"
        default: break
        }
        return html
    }

    private static func failed(_ run: CellRun?) -> Bool {
        switch run?.status {
        case .failed, .expectedFailure, .notRun: true
        default: false
        }
    }

    private static func style(columns: Int) -> String {
        ".layout,.layout.no-toc{max-width:min(98vw,\(max(1040, 520 * columns))px)}"
            + ".sweep-grid{display:grid;grid-template-columns:repeat(\(max(columns, 1)),minmax(0,1fr));gap:14px;margin:6px 0}"
            + ".sweep-col{min-width:0;overflow-x:auto;border-top:3px solid var(--border);padding-top:4px}"
            + ".sweep-value{font-weight:600;font-family:ui-monospace,monospace;font-size:13px;color:var(--muted)}"
            + ".sweep-cell details.code summary{cursor:pointer;list-style:none}.sweep-same .pill{margin:4px 0;display:inline-block}"
    }
}
