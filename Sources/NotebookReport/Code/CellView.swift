import NotebookDocument
import NotebookOutput

/// One code cell in the report: a header (execution count, status, time, source line), the
/// highlighted code, then the outputs in order, the failure and the compiler's messages.
///
/// Options: `echo: false` hides the code, `output: false` hides the outputs (a failure is still
/// shown), `eval: false` cells are shown as code marked "not evaluated"; code blocks in other
/// languages are shown with their language and not run.
enum CellView {
    static func html(_ cell: CodeCell, run: CellRun?, context: RenderContext) -> String {
        let status = Status(cell: cell, run: run)
        let options = cell.options
        let anchor = HTMLEscaping.escape(cell.anchor)
        let location = SourceLocation(file: context.notebookPath, line: cell.fenceLine)
        var html = "<section class=\"cell \(status.className)\" id=\"\(anchor)\">"

        let showsHeader = cell.isSwift && (options.echo || status.isFailure)
        if showsHeader {
            html += "<div class=\"cell-head\">"
            let count = run?.executionCount.map(String.init) ?? " "
            html += "<span class=\"prompt\">In&nbsp;[\(count)]:</span>"
            html += "<span class=\"badge \(status.className)\">" + HTMLEscaping.escape(status.label) + "</span>"
            if let seconds = run?.seconds {
                html += "<span class=\"time\" title=\"run time\">" + Formatting.duration(seconds) + "</span>"
            }
            if let label = cell.options.label {
                html += "<span class=\"cell-label\">" + HTMLEscaping.escape(label) + "</span>"
            }
            html += "<a class=\"cell-link\" href=\"#\(anchor)\">" + HTMLEscaping.escape(location.description) + "</a>"
            html += "</div>"
        }
        if options.echo || !cell.isSwift {
            html += code(cell)
        }
        if case .notRun(let reason) = run?.status {
            html += "<div class=\"notice not-run\">not run: " + HTMLEscaping.escape(reason) + "</div>"
        }
        if let run {
            if options.output {
                html += OutputListView.html(run.outputs, executionCount: run.executionCount, context: context)
            }
            html += diagnostics(run.diagnostics, errorsOnly: !options.output)
            if let failure = status.failure {
                html += failureBox(failure, expected: status.className == "expected-failure")
            }
        }
        return html + "</section>"
    }

    /// The code block with its language label and copy button.
    private static func code(_ cell: CodeCell) -> String {
        let language = cell.language.isEmpty ? "text" : cell.language
        var html = "<div class=\"code\"><div class=\"code-bar\"><span class=\"lang\">" + HTMLEscaping.escape(language)
        if cell.isSwift, !cell.options.eval { html += " · not evaluated" }
        if !cell.isSwift { html += " · not run" }
        html += "</span><button type=\"button\" class=\"copy\" aria-label=\"copy code\">Copy</button></div>"
        html += "<pre><code class=\"language-\(HTMLEscaping.escape(safeClass(language)))\">"
        html += cell.isSwift ? SwiftHighlighter.highlight(cell.source) : HTMLEscaping.escape(cell.source)
        return html + "</code></pre></div>"
    }

    private static func safeClass(_ text: String) -> String {
        String(text.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }.prefix(30))
    }

    /// The compiler's messages for the cell (only errors when outputs are hidden).
    static func diagnostics(_ diagnostics: [Diagnostic], errorsOnly: Bool) -> String {
        let shown = diagnostics.filter { !errorsOnly || $0.severity == .error }
        guard !shown.isEmpty else { return "" }
        var html = "<ul class=\"diagnostics\">"
        for diagnostic in shown {
            html += item(diagnostic)
            if !diagnostic.notes.isEmpty {
                html += "<ul class=\"notes\">" + diagnostic.notes.map { item($0) + "</li>" }.joined() + "</ul>"
            }
            html += "</li>"
        }
        return html + "</ul>"
    }

    /// An unclosed `<li>` for one diagnostic (its notes nest inside it).
    private static func item(_ diagnostic: Diagnostic) -> String {
        var html = "<li class=\"diag \(diagnostic.severity.rawValue)\"><span class=\"sev\">\(diagnostic.severity.rawValue)</span>"
        if let location = diagnostic.location {
            let column = location.column.map { ":\($0)" } ?? ""
            html += "<span class=\"loc\">line \(location.line)\(column)</span>"
        }
        html += "<span class=\"msg\">" + HTMLEscaping.escape(diagnostic.message) + "</span>"
        return html
    }

    private static func failureBox(_ failure: CellFailure, expected: Bool) -> String {
        var html = "<div class=\"failure\(expected ? " expected" : "")\" role=\"alert\"><div class=\"failure-head\">"
        html += "<strong>" + HTMLEscaping.escape(expected ? "expected failure: " + failure.kind.rawValue : failure.kind.rawValue) + "</strong>"
        if let location = failure.location {
            html += " at <span class=\"loc\">" + HTMLEscaping.escape(location.description) + "</span>"
        }
        html += "</div><pre class=\"failure-message\">" + HTMLEscaping.escape(failure.message) + "</pre></div>"
        return html
    }
}
