import NotebookDocument

/// Why one cell is not part of the compiled program: its failure and the diagnostics behind it.
struct CompileFailure {
    /// The failure the report shows for the cell.
    var failure: CellFailure
    /// The compiler's (or the bracket check's) diagnostics of the cell.
    var diagnostics: [Diagnostic]

    /// A failure from the cell's errors: their summary, at the first error's line.
    init(errors: [Diagnostic], diagnostics: [Diagnostic]) {
        failure = CellFailure(
            kind: .compileError, message: CellDiagnostics.summary(of: errors), location: errors.first?.location)
        self.diagnostics = diagnostics
    }

    /// A failure with its own message.
    init(failure: CellFailure, diagnostics: [Diagnostic]) {
        self.failure = failure
        self.diagnostics = diagnostics
    }
}
