import NotebookDocument
import NotebookOutput

/// One code cell in the report: a header (execution count, status, time, source line), the
/// highlighted code, then the outputs in order, the failure and the compiler's messages.
///
/// Options: `echo: false` hides the code, `output: false` hides the outputs (a failure is still
/// shown), `eval: false` cells are shown as code marked "not evaluated"; code blocks in other
/// languages are shown with their language and not run.
enum CellView {
    static func node(_ cell: CodeCell, run: CellRun?, context: RenderContext) -> HTMLNode {
        let status = Status(cell: cell, run: run)
        let options = cell.options
        let location = SourceLocation(file: context.notebookPath, line: cell.fenceLine)
        var children: [HTMLNode] = []

        let showsHeader = cell.isSwift && (options.echo || status.isFailure)
        if showsHeader {
            let count = run?.executionCount.map(String.init) ?? " "
            var head: [HTMLNode] = [
                .element("span", class: "prompt", ["In", .nonBreakingSpace, .text("[\(count)]:")]),
                .element("span", class: "badge \(status.className)", [.text(status.label)]),
            ]
            if let seconds = run?.seconds {
                head.append(
                    .element("span", class: "time", [.title("run time")], [.text(Formatting.duration(seconds))]))
            }
            if let label = cell.options.label {
                head.append(.element("span", class: "cell-label", [.text(label)]))
            }
            head.append(.element("a", class: "cell-link", [.href("#" + cell.anchor)], [.text(location.description)]))
            children.append(.element("div", class: "cell-head", head))
        }
        if options.echo || !cell.isSwift {
            // `code-fold: true`: the code behind a "Code" summary the reader opens.
            children.append(
                options.codeFold
                    ? .element("details", class: "code-fold", [.element("summary", ["Code"]), code(cell)]) : code(cell))
        }
        if case .notRun(let reason) = run?.status {
            children.append(.element("div", class: "notice not-run", [.text("not run: " + reason)]))
        }
        if let run {
            if options.output {
                children.append(
                    OutputListView.node(
                        run.outputs, executionCount: run.executionCount, figure: CellFigure(options),
                        line: cell.sourceLine,
                        context: context))
            }
            children.append(diagnostics(run.diagnostics, errorsOnly: !options.output))
            if let failure = status.failure {
                children.append(failureBox(failure, expected: status.className == "expected-failure"))
            }
        }
        return .element("section", class: "cell \(status.className)", [.id(cell.anchor)], children)
    }

    /// The code block with its language label and copy button.
    static func code(_ cell: CodeCell) -> HTMLNode {
        let language = cell.language.isEmpty ? "text" : cell.language
        var label = language
        if cell.isSwift, !cell.options.eval { label += " · not evaluated" }
        if !cell.isSwift { label += " · not run" }
        return .element(
            "div", class: "code",
            [
                .element(
                    "div", class: "code-bar",
                    [
                        .element("span", class: "lang", [.text(label)]),
                        .element(
                            "button", class: "copy", [.init("type", "button"), .init("aria-label", "copy code")],
                            ["Copy"]),
                    ]),
                .element("pre", [.element("code", class: "language-" + safeClass(language), [highlighted(cell)])]),
            ])
    }

    /// The cell's source, highlighted when it is Swift.
    static func highlighted(_ cell: CodeCell) -> HTMLNode {
        cell.isSwift ? SwiftHighlighter.highlight(cell.source) : .text(cell.source)
    }

    private static func safeClass(_ text: String) -> String {
        String(text.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }.prefix(30))
    }

    /// The compiler's messages for the cell (only errors when outputs are hidden).
    static func diagnostics(_ diagnostics: [Diagnostic], errorsOnly: Bool) -> HTMLNode {
        let shown = diagnostics.filter { !errorsOnly || $0.severity == .error }
        guard !shown.isEmpty else { return .empty }
        return .element(
            "ul", class: "diagnostics",
            shown.map { diagnostic in
                var content = item(diagnostic)
                if !diagnostic.notes.isEmpty {
                    content.append(
                        .element(
                            "ul", class: "notes",
                            diagnostic.notes.map { .element("li", class: "diag \($0.severity.rawValue)", item($0)) }))
                }
                return .element("li", class: "diag \(diagnostic.severity.rawValue)", content)
            })
    }

    /// The content of one diagnostic's `<li>`: severity, line and message.
    private static func item(_ diagnostic: Diagnostic) -> [HTMLNode] {
        var content: [HTMLNode] = [.element("span", class: "sev", [.text(diagnostic.severity.rawValue)])]
        if let location = diagnostic.location {
            let column = location.column.map { ":\($0)" } ?? ""
            content.append(.element("span", class: "loc", [.text("line \(location.line)\(column)")]))
        }
        content.append(.element("span", class: "msg", [.text(diagnostic.message)]))
        return content
    }

    /// The box that shows a cell's failure: its kind, where, and the message.
    static func failureBox(_ failure: CellFailure, expected: Bool, showsLocation: Bool = true) -> HTMLNode {
        var head: [HTMLNode] = [
            .element("strong", [.text(expected ? "expected failure: " + failure.kind.rawValue : failure.kind.rawValue)])
        ]
        if showsLocation, let location = failure.location {
            head += [" at ", .element("span", class: "loc", [.text(location.description)])]
        }
        return .element(
            "div", class: expected ? "failure expected" : "failure", [.init("role", "alert")],
            [
                .element("div", class: "failure-head", head),
                .element("pre", class: "failure-message", [.text(failure.message)]),
            ])
    }
}
