import Foundation
import NotebookDocument
import NotebookExecution
import NotebookOutput
import NotebookReport

/// Builders for notebooks, runs and reports used across the tests.
enum Fixtures {
    static let date = Date(timeIntervalSince1970: 1_735_732_800)  // 2025-01-01 12:00:00 UTC

    static func notebook(_ text: String, path: String = "notes/lesson.md") -> Notebook {
        do {
            return try NotebookParser.parse(text: text, path: path)
        } catch {
            fatalError("fixture does not parse: \(error)")
        }
    }

    /// A run where every runnable cell succeeded with the given outputs (by cell ordinal).
    static func run(
        for notebook: Notebook, outputs: [Int: [CellOutput]] = [:], statuses: [Int: CellStatus] = [:],
        diagnostics: [Int: [Diagnostic]] = [:], parameters: [Parameter] = []
    ) -> NotebookRun {
        var count = 0
        let cells = notebook.codeCells.map { cell -> CellRun in
            guard cell.isSwift, cell.options.eval else { return CellRun(ordinal: cell.ordinal, status: .skipped) }
            let status = statuses[cell.ordinal] ?? .succeeded
            if case .notRun = status { return CellRun(ordinal: cell.ordinal, status: status) }
            count += 1
            return CellRun(
                ordinal: cell.ordinal, executionCount: count, status: status, outputs: outputs[cell.ordinal] ?? [],
                seconds: 0.0123 * Double(count), diagnostics: diagnostics[cell.ordinal] ?? [])
        }
        return NotebookRun(
            notebookPath: notebook.path, startedAt: date, totalSeconds: 3.5, compileSeconds: 1.25, cells: cells,
            parameters: parameters)
    }

    static func render(
        _ notebook: Notebook, _ run: NotebookRun,
        options: ReportOptions = ReportOptions(timeZone: TimeZone(identifier: "UTC")!)
    ) -> RenderedReport {
        ReportRenderer.render(notebook: notebook, run: run, options: options)
    }

    /// The part of the page after `<body>` minus the report's own script: what user content can reach.
    static func body(_ html: String) -> String {
        var body = html
        if let start = body.range(of: "<body>") { body = String(body[start.upperBound...]) }
        if let script = body.range(of: "<script>") { body = String(body[..<script.lowerBound]) }
        return body
    }
}

extension String {
    /// The number of non-overlapping occurrences of `needle`.
    func occurrences(of needle: String) -> Int {
        var count = 0
        var rest = self[...]
        while let range = rest.range(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }

    /// The offset of the first occurrence of `needle`, or nil.
    func offset(of needle: String) -> Int? {
        range(of: needle).map { distance(from: startIndex, to: $0.lowerBound) }
    }
}
