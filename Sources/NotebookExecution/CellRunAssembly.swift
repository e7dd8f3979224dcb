import NotebookDocument

/// The last stage of a run: one ``CellRun`` per code block of the notebook, from the compile
/// stage's verdicts and what the running program reported about each cell.
///
/// A cell the compile stage left out is a failure (or an expected failure for `error: true`); a
/// cell the program reported on has its outputs and status (a failure of an `error: true` cell is
/// expected); every other evaluated cell did not run, with the reason: the first failure above it.
struct CellRunAssembly {
    /// One entry per code block, in notebook order.
    private(set) var cells: [CellRun] = []
    /// Why the cells after the first failure did not run ("cell at line 12 failed"), if one failed.
    private(set) var stoppedBy: String?

    /// Assembles the cells of `notebook`; records the inline results each cell's part of the
    /// program reported in `inline`.
    init(
        _ notebook: Notebook, compiled: ProgramCompilation.Result, collected: [Int: CellRunData],
        inline: inout InlineEvaluation
    ) {
        var executionCount = 0
        for cell in notebook.codeCells {
            guard cell.isSwift, cell.options.eval else {
                cells.append(CellRun(ordinal: cell.ordinal, status: .skipped))
                continue
            }
            let diagnostics = compiled.diagnosticsByCell[cell.ordinal, default: []]
            if let excluded = compiled.expectedFailures[cell.ordinal] {
                cells.append(
                    CellRun(
                        ordinal: cell.ordinal, status: .expectedFailure(excluded.failure),
                        diagnostics: excluded.diagnostics))
            } else if let failed = compiled.failures[cell.ordinal] {
                cells.append(
                    CellRun(ordinal: cell.ordinal, status: .failed(failed.failure), diagnostics: failed.diagnostics))
                stoppedBy = stoppedBy ?? "cell at line \(cell.fenceLine) did not compile"
            } else if let data = collected[cell.ordinal] {
                inline.record(data.inlineResults)
                cells.append(ran(cell, data: data, diagnostics: diagnostics, executionCount: &executionCount))
            } else {
                cells.append(
                    CellRun(
                        ordinal: cell.ordinal, status: .notRun(reason: stoppedBy ?? "an earlier cell failed"),
                        diagnostics: diagnostics))
            }
        }
    }

    /// A cell the program reported on; only cells that started count towards `In [n]`.
    private mutating func ran(
        _ cell: CodeCell, data: CellRunData, diagnostics: [Diagnostic], executionCount: inout Int
    ) -> CellRun {
        var status = data.status
        if case .expectedFailure = status {
        } else if case .failed(let failure) = status, cell.options.error {
            status = .expectedFailure(failure)
        }
        if case .failed = status { stoppedBy = stoppedBy ?? "cell at line \(cell.fenceLine) failed" }
        var run = CellRun(
            ordinal: cell.ordinal, status: status, outputs: data.outputs, seconds: data.seconds,
            diagnostics: diagnostics.filter { $0.severity != .error })
        if data.started {
            executionCount += 1
            run.executionCount = executionCount
        }
        if !data.started, case .notRun = status, let stoppedBy {
            run.status = .notRun(reason: stoppedBy)
        }
        return run
    }
}
