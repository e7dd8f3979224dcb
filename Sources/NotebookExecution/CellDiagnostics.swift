import NotebookDocument

/// The compiler's diagnostics of one program, attributed to the notebook's cells.
///
/// A diagnostic belongs to the planned cell whose Markdown lines hold its location (the program
/// places every cell under `#sourceLocation`); diagnostics elsewhere (the runner's hooks, the
/// parameter prelude) belong to no cell.
struct CellDiagnostics {
    /// The program the diagnostics are of.
    let plan: ProgramPlan
    /// The notebook's path, as the `#sourceLocation` directives name it.
    let notebookPath: String

    /// The ordinal of the cell whose code holds `location`, if any.
    func cellOrdinal(for location: SourceLocation?) -> Int? {
        guard let location, location.file == notebookPath else { return nil }
        return plan.cells.first { $0.contains(line: location.line) }?.ordinal
    }

    /// The cell to blame for a failed compile: the first cell with an error, except that when a
    /// name is declared again in a later cell, the earlier cells whose only errors are the
    /// resulting "ambiguous use" are not to blame: the redeclaring cell is.
    func blamedCell(_ diagnostics: [Diagnostic]) -> Int? {
        let errors = diagnostics.filter { $0.severity == .error }
        let byCell = Dictionary(grouping: errors) { cellOrdinal(for: $0.location) }
        let redeclares = errors.contains { $0.message.hasPrefix("invalid redeclaration") }
        let candidates = byCell.compactMap { ordinal, errors -> Int? in
            guard let ordinal else { return nil }
            if redeclares, errors.allSatisfy({ $0.message.hasPrefix("ambiguous use of") }) { return nil }
            return ordinal
        }
        return candidates.min() ?? byCell.keys.compactMap { $0 }.min()
    }

    /// The cells whose last expression the program shows and that have an error: the `Out[n]`
    /// rewrite may be what the compiler rejects there.
    func rejectedResultRewrites(_ diagnostics: [Diagnostic]) -> Set<Int> {
        let erroring = diagnostics.filter { $0.severity == .error }.compactMap { cellOrdinal(for: $0.location) }
        return Set(erroring.filter { ordinal in plan.cells.first { $0.ordinal == ordinal }?.showsResult == true })
    }

    /// The diagnostics of each cell (explained, see ``explained(_:)``), by ordinal.
    func grouped(_ diagnostics: [Diagnostic]) -> [Int: [Diagnostic]] {
        var grouped: [Int: [Diagnostic]] = [:]
        for diagnostic in diagnostics {
            guard let ordinal = cellOrdinal(for: diagnostic.location) else { continue }
            grouped[ordinal, default: []].append(explained(diagnostic))
        }
        return grouped
    }

    /// `diagnostic` with "first declared at line N, in the cell starting at line M" added to a
    /// redeclaration error (a notebook shares one scope, which users forget).
    func explained(_ diagnostic: Diagnostic) -> Diagnostic {
        var diagnostic = diagnostic
        if diagnostic.message.hasPrefix("invalid redeclaration"),
            let previous = diagnostic.notes.first(where: { $0.message.contains("previously declared here") })?.location,
            let cell = plan.cells.first(where: { $0.contains(line: previous.line) })
        {
            diagnostic.message +=
                " (it was first declared at line \(previous.line), in the cell starting at line \(cell.sourceLine); a notebook shares one scope, so give it a new name or assign with '=' instead of declaring it again)"
        }
        return diagnostic
    }

    /// A cell's failure message: its first errors, one per line, each with where a redeclared
    /// name was first declared.
    static func summary(of errors: [Diagnostic]) -> String {
        errors.prefix(maximumErrorsInSummary).map { error in
            var line = error.description
            if error.message.hasPrefix("invalid redeclaration"), let note = error.notes.first?.location {
                line += " (first declared at \(note))"
            }
            return line
        }.joined(separator: "\n")
    }

    /// How many of a cell's errors its failure message lists (all of them are in its diagnostics).
    static let maximumErrorsInSummary = 5
}
