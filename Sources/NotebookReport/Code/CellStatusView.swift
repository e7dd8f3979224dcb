import NotebookDocument

extension CellView {
    /// How a cell is labelled: the badge text, its CSS class, and its failure if any.
    struct Status {
        var label: String
        var className: String
        var failure: CellFailure?

        var isFailure: Bool { failure != nil }

        init(cell: CodeCell, run: CellRun?) {
            failure = nil
            guard cell.isSwift else {
                label = cell.language.isEmpty ? "text" : cell.language
                className = "not-swift"
                return
            }
            guard cell.options.eval else {
                label = "not evaluated"
                className = "skipped"
                return
            }
            guard let run else {
                label = "not run"
                className = "not-run"
                return
            }
            switch run.status {
            case .succeeded:
                label = "ok"
                className = "ok"
            case .failed(let failure):
                label = "failed: " + failure.kind.rawValue
                className = "failed"
                self.failure = failure
            case .expectedFailure(let failure):
                label = "expected failure"
                className = "expected-failure"
                self.failure = failure
            case .notRun:
                label = "not run"
                className = "not-run"
            case .skipped:
                label = "skipped"
                className = "skipped"
            }
        }
    }
}
