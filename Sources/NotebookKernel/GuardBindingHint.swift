import NotebookDocument
import NotebookExecution

/// Explains "cannot find 'x' in scope" when an earlier cell bound `x` with a top-level `guard`:
/// in the kernel each cell is the `main` of its own module, so a guard's bindings are locals of
/// that cell (the batch `render` keeps them, being one program).
enum GuardBindingHint {
    /// One earlier cell: its source and where it starts in the notebook.
    struct EarlierCell {
        var source: String
        var file: String
        var line: Int
    }

    /// `diagnostics` with a note added to each "cannot find" error that a guard explains.
    static func annotate(_ diagnostics: [Diagnostic], earlierCells: [EarlierCell]) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            guard diagnostic.severity == .error, diagnostic.message.hasPrefix("cannot find '"),
                let name = diagnostic.message.split(separator: "'").dropFirst().first,
                let place = guardBinding(of: String(name), in: earlierCells)
            else { return diagnostic }
            var annotated = diagnostic
            annotated.notes.append(
                Diagnostic(
                    severity: .note,
                    message:
                        "'\(name)' is bound by a top-level 'guard' in an earlier cell; in the kernel a guard's bindings stay inside their cell: declare it there with 'let \(name) = …' (for example with '?? default') to use it in later cells",
                    location: place))
            return annotated
        }
    }

    private static func guardBinding(of name: String, in cells: [EarlierCell]) -> SourceLocation? {
        for cell in cells.reversed() {
            for (offset, line) in cell.source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let words = line.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
                guard words.first == "guard" else { continue }
                for (index, word) in words.enumerated().dropLast() where word == "let" || word == "var" {
                    if words[index + 1] == name { return SourceLocation(file: cell.file, line: cell.line + offset) }
                }
            }
        }
        return nil
    }
}
