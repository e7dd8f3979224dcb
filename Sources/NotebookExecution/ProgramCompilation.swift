import NotebookDocument

/// The compile stage of a run: compiles the notebook's program and, where the compiler rejects
/// it, leaves out what it rejected, one kind of thing at a time, until a program compiles.
///
/// In order: inline expressions that do not compile (they fail on their own; the cells still
/// run); the `Out[n]` rewrite of a cell's last expression, where the compiler rejects it; cells
/// marked `error: true` (expected failures, left out, the cells after them still run); finally
/// the first cell to blame, which ends the program: what precedes it is compiled and runs.
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
    let compiler: NotebookCompiler
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
        notebook: Notebook, parameters: [Parameter], compiler: NotebookCompiler, workDirectory: String,
        brackets: BracketCheck, withoutInline: Set<Int>
    ) {
        self.notebook = notebook
        self.parameters = parameters
        self.compiler = compiler
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
    ) throws(ChildProcess.LaunchError) -> (ProgramPlan, NotebookCompiler.Outcome) {
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

    private mutating func compile(_ plan: ProgramPlan) throws(ChildProcess.LaunchError) -> NotebookCompiler.Outcome {
        let outcome = try compiler.compile(plan, in: workDirectory)
        seconds += outcome.seconds
        return outcome
    }
}
