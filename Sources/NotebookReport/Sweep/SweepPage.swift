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
        // The notes' own first heading names the notebook already when it is the title.
        let headingIsTitle =
            notebook.blocks.first { if case .prose = $0 { true } else { false } }
            .map { if case .prose(let prose) = $0 { prose.firstHeading == notebook.title } else { false } } ?? false
        var header: [HTMLNode] = []
        if !headingIsTitle { header.append(.element("h1", class: "report-title", [.text(notebook.title)])) }
        var sweep: [HTMLNode] = ["sweep of ", .element("code", [.text(parameter)]), " over "]
        for (index, value) in values.enumerated() {
            if index > 0 { sweep.append(", ") }
            sweep.append(.element("code", [.text(value)]))
        }
        header.append(.element("div", class: "run-meta", [.element("span", sweep)]))
        var main: [HTMLNode] = [
            .element("style", [.trusted(Self.style(columns: variants.count))]),
            .element("header", class: "report-header", header),
            variantTable(parameter: parameter, variants: variants),
        ]
        for block in notebook.blocks {
            switch block {
            case .prose(let prose):
                main.append(
                    .element(
                        "div", class: "prose",
                        [
                            ProseRenderer.node(
                                prose, linkReferenceDefinitions: notebook.linkReferenceDefinitions, context: context)
                        ]))
            case .code(let cell):
                main.append(self.cell(cell, variants: variants, context: context))
            }
            main.append("\n")
        }
        let html = ReportPage.html(
            title: notebook.title + " — " + parameter + " sweep", main: .fragment(main), generator: options.generator,
            needsAttentionExplorer: context.needsAttentionExplorer)
        return RenderedReport(html: html, warnings: context.warnings)
    }

    private func variantTable(parameter: String, variants: [SweepVariant]) -> HTMLNode {
        let rows = variants.map { variant -> HTMLNode in
            let value: HTMLNode =
                variant.reportLink.map { .element("a", [.href(IndexPage.link($0))], [.text(variant.value)]) }
                ?? .text(variant.value)
            return .element(
                "tr",
                [
                    .element("td", [value]),
                    .element("td", [statusPill(variant)]),
                    .element(
                        "td", class: "numeric", [.text(variant.run.map { Formatting.duration($0.totalSeconds) } ?? "")]),
                ])
        }
        return .indexTable(headers: [.text(parameter), "status", "time"], rows: rows)
    }

    private func statusPill(_ variant: SweepVariant) -> HTMLNode {
        guard let run = variant.run else {
            return .element("span", class: "pill failed", [.text(variant.problem ?? "did not run")])
        }
        let failures = RunFailures(run)
        return failures.isEmpty
            ? .element("span", class: "pill ok", ["ok"])
            : .element("span", class: "pill failed", [.text("failed: \(failures.description)")])
    }

    private func cell(_ cell: CodeCell, variants: [SweepVariant], context: RenderContext) -> HTMLNode {
        var children: [HTMLNode] = []
        let language = cell.language.isEmpty ? "text" : cell.language
        if cell.options.echo || !cell.isSwift {
            children.append(
                .element(
                    "details", class: "code", cell.isSwift ? [] : [.init("open", nil)],
                    [
                        .element(
                            "summary", class: "code-bar",
                            [
                                .element("span", class: "lang", [.text("\(language) · line \(cell.fenceLine)")])
                            ]),
                        .element("pre", [.element("code", [CellView.highlighted(cell)])]),
                    ]))
        }
        let section = { (children: [HTMLNode]) in
            HTMLNode.element("section", class: "cell sweep-cell", [.id(cell.anchor)], children)
        }
        guard cell.isSwift, cell.options.eval, cell.options.output else { return section(children) }
        let runs = variants.map { $0.run?.cell(ordinal: cell.ordinal) }
        let outputs = runs.map { $0?.outputs ?? [] }
        if runs.allSatisfy({ $0 == nil || ($0?.outputs.isEmpty == true && !Self.failed($0)) }) {
            return section(children)
        }
        let (charts, merged) = ChartMerging.merge(values: variants.map(\.value), outputs: outputs)
        for chart in charts {
            children.append(
                .element(
                    "div", class: "output display sweep-merged",
                    [
                        RichOutputView.node(.lineChart(chart), context: context)
                    ]))
        }
        let rest = outputs.map { ChartMerging.removing(merged, from: $0) }
        let statuses = runs.map { $0?.status }
        if variants.count > 1, rest.dropFirst().allSatisfy({ $0 == rest[0] }),
            statuses.dropFirst().allSatisfy({ $0 == statuses[0] }),
            runs.allSatisfy({ $0 != nil })
        {
            if !rest[0].isEmpty || Self.failed(runs[0]) {
                children.append(
                    .element(
                        "div", class: "sweep-same",
                        [
                            .element("span", class: "pill cached", ["same for every value"]),
                            column(rest[0], run: runs[0], context: context),
                        ]))
            }
            return section(children)
        }
        children.append(
            .element(
                "div", class: "sweep-grid",
                variants.enumerated().map { index, variant in
                    .element(
                        "div", class: "sweep-col",
                        [
                            .element("div", class: "sweep-value", [.text(variant.value)]),
                            column(rest[index], run: runs[index], context: context),
                        ])
                }))
        return section(children)
    }

    private func column(_ outputs: [CellOutput], run: CellRun?, context: RenderContext) -> HTMLNode {
        guard let run else { return .element("p", class: "notice not-run", ["no run"]) }
        var nodes = [OutputListView.node(outputs, executionCount: run.executionCount, context: context)]
        switch run.status {
        case .failed(let failure), .expectedFailure(let failure):
            nodes.append(CellView.failureBox(failure, expected: false, showsLocation: false))
        case .notRun(let reason):
            nodes.append(.element("div", class: "notice not-run", [.text("not run: " + reason)]))
        default: break
        }
        return .fragment(nodes)
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
