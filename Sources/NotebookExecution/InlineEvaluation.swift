import NotebookDocument

/// The state of a notebook's inline expressions during one run: which ones fail before running
/// (unbalanced brackets, compile errors: left out of the program, so the cells still run) and
/// what the others showed.
struct InlineEvaluation {
    /// The notebook's inline expressions, by index.
    private let expressions: [Int: InlineExpression]
    private let path: String
    /// Expressions that failed, by index.
    private(set) var failures: [Int: (index: Int, failure: CellFailure)] = [:]
    private var values: [Int: InlineResult] = [:]

    init(_ notebook: Notebook) {
        path = notebook.path
        expressions = Dictionary(
            notebook.inlineExpressions.map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        for expression in expressions.values {
            if let problem = SwiftLexer.bracketProblem(in: expression.code) {
                fail(expression.index, kind: .compileError, message: problem.message)
            }
        }
    }

    /// The expressions the program must leave out.
    var leftOut: Set<Int> { Set(failures.keys) }

    /// Records the compile errors that point into planned inline expressions; true when there
    /// were any (the program must then be planned again without them).
    mutating func recordCompileErrors(_ diagnostics: [Diagnostic], plan: ProgramPlan) -> Bool {
        let planned = Set(plan.cells.flatMap(\.inlineExpressions))
        var found = false
        for diagnostic in diagnostics where diagnostic.severity == .error {
            guard let location = diagnostic.location, location.file == path,
                let index = expressionIndex(at: location, among: planned), failures[index] == nil
            else { continue }
            failures[index] = (index, CellFailure(kind: .compileError, message: diagnostic.message, location: location))
            found = true
        }
        return found
    }

    /// Records the values and thrown errors the program reported.
    mutating func record(_ results: [Int: InlineResult]) {
        for (index, result) in results where expressions[index] != nil && failures[index] == nil {
            if case .failed(let failure) = result {
                fail(index, kind: failure.kind, message: failure.message)
            } else {
                values[index] = result
            }
        }
    }

    /// One result per inline expression of the notebook: its value, its failure, or not run.
    func results(notRunReason: String) -> [Int: InlineResult] {
        var results: [Int: InlineResult] = [:]
        for index in expressions.keys {
            if let failure = failures[index] {
                results[index] = .failed(failure.failure)
            } else {
                results[index] = values[index] ?? .notRun(reason: notRunReason)
            }
        }
        return results
    }

    private mutating func fail(_ index: Int, kind: CellFailure.Kind, message: String) {
        guard let expression = expressions[index] else { return }
        let location = SourceLocation(file: path, line: expression.line, column: expression.column)
        failures[index] = (index, CellFailure(kind: kind, message: message, location: location))
    }

    /// The planned expression a location on a prose line points into: the last one on that line
    /// starting at or before the column.
    private func expressionIndex(at location: SourceLocation, among planned: Set<Int>) -> Int? {
        let onLine = planned.compactMap { expressions[$0] }.filter { $0.line == location.line }
            .sorted { $0.column < $1.column }
        guard let column = location.column else { return onLine.first?.index }
        return (onLine.last { $0.column <= column } ?? onLine.first)?.index
    }
}
