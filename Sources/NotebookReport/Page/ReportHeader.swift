import Foundation
import NotebookDocument

/// The top of a report: title, run date, times, status, parameters, and the failure banner.
enum ReportHeader {
    static func node(notebook: Notebook, run: NotebookRun, showsTitle: Bool, context: RenderContext) -> HTMLNode {
        var header: [HTMLNode] = []
        if showsTitle { header.append(.element("h1", class: "report-title", [.text(notebook.title)])) }
        let failures = RunFailures(run)
        // A cached run shows the times of the run that made its outputs, marked as such.
        var time = (run.fromCache ? "cached run, originally total " : "total ") + Formatting.duration(run.totalSeconds)
        if run.compileSeconds > 0 { time += " (compile " + Formatting.duration(run.compileSeconds) + ")" }
        let ran = run.cells.filter { $0.executionCount != nil }.count
        var meta: [HTMLNode] = [
            failures.isEmpty
                ? .element("span", class: "pill ok", ["all cells ok"])
                : .element("span", class: "pill failed", [.text("\(failures.description) failed")]),
            .element(
                "span",
                [
                    "run ",
                    .element(
                        "time", [.init("datetime", Formatting.isoDate(run.startedAt))],
                        [
                            .text(Formatting.date(run.startedAt, in: context.options.timeZone))
                        ]),
                ]),
            .element("span", [.text(time)]),
            .element("span", [.text("\(ran) of \(notebook.runnableCells.count) cells ran")]),
        ]
        if run.fromCache {
            meta.append(.element("span", class: "pill cached", [.title("outputs from the cache")], ["cached"]))
        }
        meta.append(.element("span", class: "source", [.text(notebook.path)]))
        header.append(.element("div", class: "run-meta", meta))
        if !run.parameters.isEmpty { header.append(parameters(notebook: notebook, run: run)) }
        return .fragment([
            .element("header", class: "report-header", header),
            failureBanner(notebook: notebook, run: run, context: context),
        ])
    }

    /// The table of the run's parameters, a changed value with its default.
    private static func parameters(notebook: Notebook, run: NotebookRun) -> HTMLNode {
        let defaults = Dictionary(
            notebook.frontMatter.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        let rows = run.parameters.map { parameter -> HTMLNode in
            var value: [HTMLNode] = [.element("code", [.text(parameter.value.description)])]
            if let original = defaults[parameter.name], original != parameter.value {
                value += [" ", .element("span", class: "muted", [.text("(default \(original.description))")])]
            }
            return .element(
                "tr",
                [
                    .element("td", [.element("code", [.text(parameter.name)])]),
                    .element("td", value),
                    .element("td", [.text(parameter.value.swiftType)]),
                ])
        }
        return .element(
            "table", class: "params",
            [
                .element("caption", class: "sr", ["Parameters"]),
                .element(
                    "thead",
                    [
                        .element(
                            "tr", [.element("th", ["parameter"]), .element("th", ["value"]), .element("th", ["type"])])
                    ]),
                .element("tbody", rows),
            ])
    }

    /// The banner listing the failed cells, each linked to its anchor, and the failed inline
    /// expressions with their prose lines; nothing when none failed.
    static func failureBanner(notebook: Notebook, run: NotebookRun, context: RenderContext) -> HTMLNode {
        let failures = RunFailures(run)
        guard !failures.isEmpty else { return .empty }
        let cells = Dictionary(notebook.codeCells.map { ($0.ordinal, $0) }, uniquingKeysWith: { first, _ in first })
        var items: [HTMLNode] = []
        for cellRun in run.failedCells {
            guard case .failed(let failure) = cellRun.status else { continue }
            let cell = cells[cellRun.ordinal]
            let location = failure.location ?? SourceLocation(file: context.notebookPath, line: cell?.fenceLine ?? 0)
            var name: [HTMLNode] = []
            if let cell {
                let title = "cell " + (cellRun.executionCount.map { "[\($0)]" } ?? "at line \(cell.fenceLine)")
                name = [.element("a", [.href("#" + cell.anchor)], [.text(title)]), ": "]
            }
            items.append(failureItem(name, failure, location))
        }
        let expressions = Dictionary(
            notebook.inlineExpressions.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, failure) in run.failedInlineExpressions {
            let expression = expressions[index]
            let location =
                failure.location ?? SourceLocation(file: context.notebookPath, line: expression?.line ?? 0)
            let name: [HTMLNode] = [
                "inline expression ", .element("code", [.text(expression?.code ?? "#\(index + 1)")]), ": ",
            ]
            items.append(failureItem(name, failure, location))
        }
        return .element(
            "div", class: "failure-banner", [.id("failures"), .init("role", "alert")],
            [
                .element("strong", [.text(failures.headline)]),
                .element("ul", items),
            ])
    }

    /// One failure of the banner: what failed, the kind, the message's first line (at most 300
    /// characters) and where.
    private static func failureItem(_ name: [HTMLNode], _ failure: CellFailure, _ location: SourceLocation) -> HTMLNode
    {
        var message =
            failure.message.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        if message.count > 300 { message = String(message.prefix(299)) + "…" }
        return .element(
            "li",
            name + [
                .element("span", class: "kind", [.text(failure.kind.rawValue)]), ": ",
                .element("span", class: "msg", [.text(message)]), " ",
                .element("span", class: "loc", [.text(location.description)]),
            ])
    }
}
