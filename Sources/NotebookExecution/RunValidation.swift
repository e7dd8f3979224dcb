import NotebookDocument
import NotebookOutput

extension NotebookRun {
    /// This run with every number made finite and clamped (durations, execution counts, progress),
    /// or nil when it does not describe `notebook` (another number of code cells, or ordinals out
    /// of order). A cache entry is a file a user can edit: it gets the same checks as records.
    func validated(for notebook: Notebook) -> NotebookRun? {
        guard cells.map(\.ordinal) == notebook.codeCells.map(\.ordinal) else { return nil }
        var run = self
        run.totalSeconds = RecordNumbers.seconds(totalSeconds)
        run.compileSeconds = RecordNumbers.seconds(compileSeconds)
        for index in run.cells.indices {
            run.cells[index].seconds = run.cells[index].seconds.map(RecordNumbers.seconds)
            run.cells[index].executionCount = run.cells[index].executionCount.map { min(max($0, 1), cells.count) }
            run.cells[index].outputs = run.cells[index].outputs.map { output in
                if case .progress(let progress) = output { .progress(RecordNumbers.progress(progress)) } else { output }
            }
        }
        return run
    }
}
