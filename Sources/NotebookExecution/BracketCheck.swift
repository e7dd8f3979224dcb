import NotebookDocument

/// The cells whose brackets do not balance, found before anything compiles: such a cell would
/// swallow the cells after it.
///
/// A cell marked `error: true` is an expected failure and is left out of the program; the first
/// other such cell ends the program (the cells from it on do not run).
struct BracketCheck {
    /// The first unbalanced cell not marked `error: true`, by ordinal (at most one).
    private(set) var failures: [Int: CompileFailure] = [:]
    /// The unbalanced cells marked `error: true` before it, by ordinal.
    private(set) var expectedFailures: [Int: CompileFailure] = [:]

    /// The problems of every runnable cell of `notebook`, as diagnostics (for `check`).
    static func diagnostics(_ notebook: Notebook) -> [Diagnostic] {
        notebook.runnableCells.compactMap { diagnostic(for: $0, in: notebook) }
    }

    /// Checks `notebook`'s runnable cells in order, up to the first failure.
    init(_ notebook: Notebook) {
        for cell in notebook.runnableCells {
            guard let diagnostic = Self.diagnostic(for: cell, in: notebook) else { continue }
            let failure = CompileFailure(
                failure: CellFailure(kind: .compileError, message: diagnostic.message, location: diagnostic.location),
                diagnostics: [diagnostic])
            if cell.options.error {
                expectedFailures[cell.ordinal] = failure
                continue
            }
            failures[cell.ordinal] = failure
            break
        }
    }

    /// The first cell the program must stop before, if any.
    var firstFailure: Int? { failures.keys.min() }

    private static func diagnostic(for cell: CodeCell, in notebook: Notebook) -> Diagnostic? {
        guard let problem = SwiftLexer.bracketProblem(in: cell.source) else { return nil }
        let location = SourceLocation(file: notebook.path, line: cell.sourceLine + problem.line - 1)
        return Diagnostic(severity: .error, message: problem.message, location: location)
    }
}
