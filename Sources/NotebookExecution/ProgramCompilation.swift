import Foundation
import NotebookDocument

/// The compile stage of a run: compiles the notebook's program and, where the compiler rejects
/// it, leaves out what it rejected, one kind of thing at a time, until a program compiles.
///
/// In order: inline expressions that do not compile (they fail on their own; the cells still
/// run); the `Out[n]` rewrite of a cell's last expression, where the compiler rejects it; cells
/// marked `error: true` (expected failures, left out, the cells after them still run); finally
/// the first cell to blame, which ends the program: what precedes it is compiled and runs.
///
/// Every attempt together must end within the notebook's time limit; when the compiler is still
/// running then, it is stopped and the first cell fails with a timeout: nothing runs.
struct ProgramCompilation {
    /// What the stage came to.
    struct Result {
        /// The program that compiled (its cells may be fewer than planned; none when nothing did).
        var plan: ProgramPlan
        /// The executable, when a program compiled.
        var executable: String?
        /// Seconds spent in the compiler, over every attempt.
        var seconds: Double
        /// The cell that ends the program, by ordinal (at most one).
        var failures: [Int: CompileFailure]
        /// Cells marked `error: true` that do not compile, by ordinal.
        var expectedFailures: [Int: CompileFailure]
        /// The last full program's diagnostics, by cell.
        var diagnosticsByCell: [Int: [Diagnostic]]
    }

    let notebook: Notebook
    let parameters: [Parameter]
    private var compiler: NotebookCompiler
    /// The notebook's time limit in seconds.
    let timeLimit: Double
    /// Where the program and the executable are written.
    let workDirectory: String

    private var failures: [Int: CompileFailure]
    private var expectedFailures: [Int: CompileFailure]
    private var limit: Int?
    private var withoutResult: Set<Int> = []
    private var withoutInline: Set<Int>
    private var seconds = 0.0

    /// A stage that starts from the bracket check's verdicts and the inline expressions already
    /// known to fail.
    init(
        notebook: Notebook, parameters: [Parameter], compiler: NotebookCompiler, timeLimit: Double,
        workDirectory: String, brackets: BracketCheck, withoutInline: Set<Int>
    ) {
        self.notebook = notebook
        self.parameters = parameters
        self.compiler = compiler
        self.compiler.deadline = Date().addingTimeInterval(timeLimit)
        self.timeLimit = timeLimit
        self.workDirectory = workDirectory
        failures = brackets.failures
        expectedFailures = brackets.expectedFailures
        limit = brackets.firstFailure
        self.withoutInline = withoutInline
    }

    /// The program as the stage currently plans it.
    var plan: ProgramPlan {
        ProgramPlanner.plan(
            notebook, parameters: parameters, withoutResult: withoutResult, upTo: limit, withoutInline: withoutInline,
            withoutCells: Set(expectedFailures.keys))
    }

    /// Compiles until a program compiles or nothing is left to leave out; records inline
    /// expressions that do not compile in `inline`.
    mutating func run(inline: inout InlineEvaluation) throws(ChildProcess.LaunchError) -> Result {
        do {
            return try attempts(inline: &inline)
        } catch {
            switch error {
            case .launch(let launchError): throw launchError
            case .timedOut: return timedOutResult()
            }
        }
    }

    /// Why the attempts stopped before a program compiled or the last one failed.
    private enum Stop: Error {
        case launch(ChildProcess.LaunchError)
        case timedOut
    }

    /// The attempts in their order (see the type's documentation).
    private mutating func attempts(inline: inout InlineEvaluation) throws(Stop) -> Result {
        var plan = self.plan
        var outcome = try compile(plan)
        if outcome.executable == nil, inline.recordCompileErrors(outcome.diagnostics, plan: plan) {
            withoutInline = inline.leftOut
            plan = self.plan
            outcome = try compile(plan)
        }
        if outcome.executable == nil {
            let rejected = CellDiagnostics(plan: plan, notebookPath: notebook.path).rejectedResultRewrites(
                outcome.diagnostics)
            if !rejected.isEmpty {
                withoutResult = rejected
                plan = self.plan
                outcome = try compile(plan)
            }
        }
        while outcome.executable == nil, let blamed = expectedFailure(outcome.diagnostics, plan: plan) {
            let cellDiagnostics = CellDiagnostics(plan: plan, notebookPath: notebook.path)
                .grouped(outcome.diagnostics)[blamed, default: []]
            expectedFailures[blamed] = CompileFailure(
                errors: cellDiagnostics.filter { $0.severity == .error }, diagnostics: cellDiagnostics)
            plan = self.plan
            outcome = try compile(plan)
        }
        let diagnosticsByCell = CellDiagnostics(plan: plan, notebookPath: notebook.path).grouped(outcome.diagnostics)
        if outcome.executable == nil {
            (plan, outcome) = try compilePrefix(failing: outcome, of: plan, diagnosticsByCell: diagnosticsByCell)
        }
        return Result(
            plan: plan, executable: outcome.executable, seconds: seconds, failures: failures,
            expectedFailures: expectedFailures, diagnosticsByCell: diagnosticsByCell)
    }

    /// The cell to blame for `diagnostics` when it is marked `error: true` (an expected failure).
    private func expectedFailure(_ diagnostics: [Diagnostic], plan: ProgramPlan) -> Int? {
        guard let blamed = CellDiagnostics(plan: plan, notebookPath: notebook.path).blamedCell(diagnostics),
            notebook.codeCells.first(where: { $0.ordinal == blamed })?.options.error == true
        else { return nil }
        return blamed
    }

    /// Blames the first failing cell of `plan` and compiles what precedes it; when that does not
    /// compile either (or no cell is to blame), the failure is outside any cell: the first cell
    /// carries the compiler's message and nothing runs.
    private mutating func compilePrefix(
        failing outcome: NotebookCompiler.Outcome, of plan: ProgramPlan, diagnosticsByCell: [Int: [Diagnostic]]
    ) throws(Stop) -> (ProgramPlan, NotebookCompiler.Outcome) {
        var plan = plan
        var outcome = outcome
        if let first = CellDiagnostics(plan: plan, notebookPath: notebook.path).blamedCell(outcome.diagnostics) {
            let cellDiagnostics = diagnosticsByCell[first, default: []]
            failures[first] = CompileFailure(
                errors: cellDiagnostics.filter { $0.severity == .error }, diagnostics: cellDiagnostics)
            limit = min(limit ?? first, first)
            plan = self.plan
            outcome = try compile(plan)
        }
        if outcome.executable == nil {
            let message = CellDiagnostics.summary(of: outcome.diagnostics.filter { $0.severity == .error })
            if let first = plan.cells.first?.ordinal ?? notebook.runnableCells.first?.ordinal, failures[first] == nil {
                failures[first] = CompileFailure(
                    failure: CellFailure(kind: .compileError, message: message.isEmpty ? outcome.output : message),
                    diagnostics: diagnosticsByCell[first, default: []])
                limit = first
            }
            plan = ProgramPlan(source: plan.source, cells: [])
        }
        return (plan, outcome)
    }

    private mutating func compile(_ plan: ProgramPlan) throws(Stop) -> NotebookCompiler.Outcome {
        let outcome: NotebookCompiler.Outcome
        do {
            outcome = try compiler.compile(plan, in: workDirectory)
        } catch {
            throw .launch(error)
        }
        seconds += outcome.seconds
        if outcome.timedOut { throw .timedOut }
        return outcome
    }

    /// Compiling ran past the notebook's time limit: the first cell fails with the reason and
    /// nothing runs.
    private mutating func timedOutResult() -> Result {
        let plan = self.plan
        if let first = notebook.runnableCells.first {
            let limit = ProgramSession.formatSeconds(timeLimit)
            let hint = ProgramSession.notebookTimeoutHint(notebook)
            failures = [
                first.ordinal: CompileFailure(
                    failure: CellFailure(
                        kind: .timeout,
                        message:
                            "compiling the notebook ran past its time limit of \(limit) and was stopped, so no cell ran (\(hint); an expression the type checker cannot solve quickly can cause this: give it type annotations or split it)",
                        location: SourceLocation(file: notebook.path, line: first.fenceLine)),
                    diagnostics: [])
            ]
        }
        return Result(
            plan: ProgramPlan(source: plan.source, cells: []), executable: nil, seconds: seconds, failures: failures,
            expectedFailures: expectedFailures, diagnosticsByCell: [:])
    }
}
