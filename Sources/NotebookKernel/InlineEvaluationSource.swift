import NotebookDocument
import NotebookExecution

/// The code that evaluates inline expressions of the prose (`` `{swift} expr` ``) inside a cell's
/// module, as the batch program does: each expression on a line of its own, indented to its
/// column under its prose line's `#sourceLocation`, its value reported through the runner hooks.
enum InlineEvaluationSource {
    /// The evaluation code of `expressions`, in order ("" for none).
    static func source(_ expressions: [InlineExpression], file: String) -> String {
        let literal = ProgramPlanner.swiftStringLiteral(file)
        return expressions.flatMap { expression in
            [
                "\(RunnerHooks.namespace).inlineValue(\(expression.index)) {",
                "#sourceLocation(file: \(literal), line: \(expression.line))",
                String(repeating: " ", count: max(expression.column - 1, 0)) + expression.code,
                "#sourceLocation()",
                "}",
            ]
        }.joined(separator: "\n")
    }

    /// The expressions among `expressions` that compile errors point into (on its prose line,
    /// at or after its column), with the error as their failure.
    static func failures(_ diagnostics: [Diagnostic], among expressions: [InlineExpression], file: String) -> [Int:
        CellFailure]
    {
        var failures: [Int: CellFailure] = [:]
        for diagnostic in diagnostics where diagnostic.severity == .error {
            guard let location = diagnostic.location, location.file == file else { continue }
            let onLine = expressions.filter { $0.line == location.line }.sorted { $0.column < $1.column }
            let column = location.column ?? 0
            guard let expression = onLine.last(where: { $0.column <= column }) ?? onLine.first,
                failures[expression.index] == nil
            else { continue }
            failures[expression.index] = CellFailure(
                kind: .compileError, message: diagnostic.message, location: location)
        }
        return failures
    }
}
