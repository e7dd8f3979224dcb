import Foundation
import NotebookDocument
import NotebookOutput

/// Runs a notebook's Swift cells in order, in one process, and collects each cell's outputs.
///
/// The steps: check each cell's brackets on its own, plan one program, compile it (retrying
/// without the `Out[n]` rewrite where the compiler rejects it), run it with time and memory
/// limits, split its output per cell, and explain any failure at the cell and Markdown line it
/// belongs to. A failing cell never hides the outputs of the cells before it.
public struct NotebookExecutor: Sendable {
    /// The compiler and runtime to use.
    public let toolchain: NotebookToolchain

    /// Creates an executor.
    public init(toolchain: NotebookToolchain) {
        self.toolchain = toolchain
    }

    /// An error that stops a run before any cell could run (the compiler cannot start, a
    /// parameter is wrong).
    public struct RunError: NotebookError {
        /// No file: the run stopped before it touched the notebook.
        public var location: SourceLocation? { nil }
        /// What stopped the run.
        public var message: String
    }

    /// Runs `notebook` and returns what every cell did.
    public func run(_ notebook: Notebook, options: ExecutionOptions = ExecutionOptions()) throws -> NotebookRun {
        let started = Date()
        let parameters = try ParameterResolver.resolve(notebook, overrides: options.parameterOverrides)
        let runnable = notebook.runnableCells

        // 1. Cells whose brackets do not balance would swallow the cells after them.
        var failures: [Int: (CellFailure, [Diagnostic])] = [:]
        // Cells marked `error: true` that do not compile: expected failures, left out of the program.
        var excluded: [Int: (CellFailure, [Diagnostic])] = [:]
        for cell in runnable {
            if let problem = SwiftLexer.bracketProblem(in: cell.source) {
                let location = SourceLocation(file: notebook.path, line: cell.sourceLine + problem.line - 1)
                let failure = (
                    CellFailure(kind: .compileError, message: problem.message, location: location),
                    [Diagnostic(severity: .error, message: problem.message, location: location)]
                )
                if cell.options.error {
                    excluded[cell.ordinal] = failure
                    continue
                }
                failures[cell.ordinal] = failure
                break
            }
        }
        var limit = failures.keys.min()
        var inline = InlineEvaluation(notebook)
        var plan = ProgramPlanner.plan(
            notebook, parameters: parameters, upTo: limit, withoutInline: inline.leftOut, withoutCells: Set(excluded.keys))

        // 2. The cache.
        let cacheable = options.cacheDirectory != nil && failures.isEmpty && runnable.allSatisfy(\.options.cache)
        let cache = options.cacheDirectory.map(ResultCache.init(directory:))
        let key = ResultCache.key(programSource: plan.source + RunnerHooks.source, toolchain: toolchain, extra: notebook.path)
        if cacheable, !options.force, let cache, var stored = cache.lookup(key)?.validated(for: notebook) {
            stored.fromCache = true
            options.onEvent?(.cached)
            return stored
        }

        if runnable.isEmpty {
            let cells = notebook.codeCells.map { CellRun(ordinal: $0.ordinal, status: .skipped) }
            return NotebookRun(
                notebookPath: notebook.path, startedAt: started, totalSeconds: Date().timeIntervalSince(started),
                compileSeconds: 0, cells: cells, parameters: parameters,
                inlineResults: inline.results(notRunReason: "the notebook has no Swift cell to run it after"))
        }

        // 3. Compile.
        let temporary = try TemporaryFolder.make()
        defer { temporary.remove() }
        let workDirectory = temporary.path
        let compiler = NotebookCompiler(toolchain: toolchain)
        options.onEvent?(.compiling(cells: plan.cells.count))
        var compileSeconds = 0.0
        var outcome = try compiler.compile(plan, in: workDirectory)
        compileSeconds += outcome.seconds
        if outcome.executable == nil, inline.recordCompileErrors(outcome.diagnostics, plan: plan) {
            // An inline expression that does not compile fails on its own; the cells still run.
            plan = ProgramPlanner.plan(
                notebook, parameters: parameters, upTo: limit, withoutInline: inline.leftOut,
                withoutCells: Set(excluded.keys))
            outcome = try compiler.compile(plan, in: workDirectory)
            compileSeconds += outcome.seconds
        }
        var allDiagnostics = outcome.diagnostics
        if outcome.executable == nil {
            let rejectedRewrites = Set(
                erroringCells(outcome.diagnostics, plan: plan, notebookPath: notebook.path)
                    .filter { ordinal in plan.cells.first { $0.ordinal == ordinal }?.showsResult == true })
            if !rejectedRewrites.isEmpty {
                plan = ProgramPlanner.plan(
                    notebook, parameters: parameters, withoutResult: rejectedRewrites, upTo: limit,
                    withoutInline: inline.leftOut, withoutCells: Set(excluded.keys))
                outcome = try compiler.compile(plan, in: workDirectory)
                compileSeconds += outcome.seconds
                allDiagnostics = outcome.diagnostics
            }
        }
        // A cell marked `error: true` that does not compile is an expected failure: it is left
        // out, and the cells after it still run.
        while outcome.executable == nil,
            let blamed = blamedCell(outcome.diagnostics, plan: plan, notebookPath: notebook.path),
            notebook.codeCells.first(where: { $0.ordinal == blamed })?.options.error == true
        {
            let cellDiagnostics = group(outcome.diagnostics, plan: plan, notebookPath: notebook.path)[blamed, default: []]
            let errors = cellDiagnostics.filter { $0.severity == .error }
            excluded[blamed] = (
                CellFailure(
                    kind: .compileError, message: Self.summary(of: errors, notebook: notebook),
                    location: errors.first?.location),
                cellDiagnostics
            )
            plan = ProgramPlanner.plan(
                notebook, parameters: parameters, withoutResult: Set(plan.cells.filter { !$0.showsResult }.map(\.ordinal)),
                upTo: limit, withoutInline: inline.leftOut, withoutCells: Set(excluded.keys))
            outcome = try compiler.compile(plan, in: workDirectory)
            compileSeconds += outcome.seconds
            allDiagnostics = outcome.diagnostics
        }
        let diagnosticsByCell = group(allDiagnostics, plan: plan, notebookPath: notebook.path)
        if outcome.executable == nil {
            if let first = blamedCell(outcome.diagnostics, plan: plan, notebookPath: notebook.path) {
                let errors = diagnosticsByCell[first, default: []].filter { $0.severity == .error }
                failures[first] = (
                    CellFailure(
                        kind: .compileError, message: Self.summary(of: errors, notebook: notebook),
                        location: errors.first?.location),
                    diagnosticsByCell[first, default: []]
                )
                limit = min(limit ?? first, first)
                // Run what precedes the first cell that does not compile.
                let prefix = ProgramPlanner.plan(
                    notebook, parameters: parameters,
                    withoutResult: Set(plan.cells.filter { !$0.showsResult }.map(\.ordinal)), upTo: first,
                    withoutInline: inline.leftOut, withoutCells: Set(excluded.keys))
                plan = prefix
                outcome = try compiler.compile(prefix, in: workDirectory)
                compileSeconds += outcome.seconds
            }
            if outcome.executable == nil {
                // The failure is outside any cell (or the prefix does not compile either).
                let message = Self.summary(of: outcome.diagnostics.filter { $0.severity == .error }, notebook: notebook)
                let first = plan.cells.first?.ordinal ?? runnable.first?.ordinal
                if let first, failures[first] == nil {
                    failures[first] = (
                        CellFailure(kind: .compileError, message: message.isEmpty ? outcome.output : message),
                        diagnosticsByCell[first, default: []]
                    )
                    limit = first
                }
                plan = ProgramPlan(source: plan.source, cells: [])
            }
        }

        // 4. Run.
        var collected: [Int: CellRunData] = [:]
        if let executable = outcome.executable, !plan.cells.isEmpty {
            let session = ProgramSession(
                executable: executable, plan: plan, notebook: notebook, options: options, workDirectory: workDirectory)
            collected = session.runAll()
        }

        // 5. Assemble one CellRun per code block.
        var cells: [CellRun] = []
        var executionCount = 0
        var stoppedBy: String?
        for cell in notebook.codeCells {
            guard cell.isSwift, cell.options.eval else {
                cells.append(CellRun(ordinal: cell.ordinal, status: .skipped))
                continue
            }
            let diagnostics = diagnosticsByCell[cell.ordinal, default: []]
            if let (failure, cellDiagnostics) = excluded[cell.ordinal] {
                cells.append(CellRun(ordinal: cell.ordinal, status: .expectedFailure(failure), diagnostics: cellDiagnostics))
                continue
            }
            if let (failure, cellDiagnostics) = failures[cell.ordinal] {
                cells.append(CellRun(ordinal: cell.ordinal, status: .failed(failure), diagnostics: cellDiagnostics))
                stoppedBy = stoppedBy ?? "cell at line \(cell.fenceLine) did not compile"
                continue
            }
            if let data = collected[cell.ordinal] {
                inline.record(data.inlineResults)
                var status = data.status
                if case .expectedFailure = status {} else if case .failed(let failure) = status, cell.options.error {
                    status = .expectedFailure(failure)
                }
                if case .failed = status { stoppedBy = stoppedBy ?? "cell at line \(cell.fenceLine) failed" }
                var run = CellRun(
                    ordinal: cell.ordinal, status: status, outputs: data.outputs, seconds: data.seconds,
                    diagnostics: diagnostics.filter { $0.severity != .error })
                if data.started {
                    executionCount += 1
                    run.executionCount = executionCount
                }
                if !data.started, case .notRun = status, let stoppedBy {
                    run.status = .notRun(reason: stoppedBy)
                }
                cells.append(run)
                continue
            }
            cells.append(
                CellRun(
                    ordinal: cell.ordinal, status: .notRun(reason: stoppedBy ?? "an earlier cell failed"),
                    diagnostics: diagnostics))
        }
        let run = NotebookRun(
            notebookPath: notebook.path, startedAt: started, totalSeconds: Date().timeIntervalSince(started),
            compileSeconds: compileSeconds, cells: cells, parameters: parameters,
            inlineResults: inline.results(notRunReason: stoppedBy ?? "no cell above it ran"))
        if cacheable, run.succeeded, let cache { cache.store(run, for: key) }
        return run
    }

    // MARK: Diagnostics

    private func cellOrdinal(for location: SourceLocation?, plan: ProgramPlan, notebookPath: String) -> Int? {
        guard let location, location.file == notebookPath else { return nil }
        return plan.cells.first { $0.contains(line: location.line) }?.ordinal
    }

    /// The cell to blame for a failed compile: the first cell with an error, except that when a
    /// name is declared again in a later cell, the earlier cells whose only errors are the
    /// resulting "ambiguous use" are not to blame: the redeclaring cell is.
    private func blamedCell(_ diagnostics: [Diagnostic], plan: ProgramPlan, notebookPath: String) -> Int? {
        let errors = diagnostics.filter { $0.severity == .error }
        let byCell = Dictionary(grouping: errors) { cellOrdinal(for: $0.location, plan: plan, notebookPath: notebookPath) }
        let redeclares = errors.contains { $0.message.hasPrefix("invalid redeclaration") }
        let candidates = byCell.compactMap { ordinal, errors -> Int? in
            guard let ordinal else { return nil }
            if redeclares, errors.allSatisfy({ $0.message.hasPrefix("ambiguous use of") }) { return nil }
            return ordinal
        }
        return candidates.min() ?? byCell.keys.compactMap { $0 }.min()
    }

    private func erroringCells(_ diagnostics: [Diagnostic], plan: ProgramPlan, notebookPath: String) -> [Int] {
        diagnostics.filter { $0.severity == .error }
            .compactMap { cellOrdinal(for: $0.location, plan: plan, notebookPath: notebookPath) }
    }

    private func group(_ diagnostics: [Diagnostic], plan: ProgramPlan, notebookPath: String) -> [Int: [Diagnostic]] {
        var grouped: [Int: [Diagnostic]] = [:]
        for diagnostic in diagnostics {
            guard let ordinal = cellOrdinal(for: diagnostic.location, plan: plan, notebookPath: notebookPath) else {
                continue
            }
            grouped[ordinal, default: []].append(Self.explained(diagnostic, plan: plan))
        }
        return grouped
    }

    /// Adds "first declared in the cell at line N" to redeclaration errors.
    private static func explained(_ diagnostic: Diagnostic, plan: ProgramPlan) -> Diagnostic {
        var diagnostic = diagnostic
        if diagnostic.message.hasPrefix("invalid redeclaration"),
            let previous = diagnostic.notes.first(where: { $0.message.contains("previously declared here") })?.location,
            let cell = plan.cells.first(where: { $0.contains(line: previous.line) })
        {
            diagnostic.message += " (it was first declared at line \(previous.line), in the cell starting at line \(cell.sourceLine); a notebook shares one scope, so give it a new name or assign with '=' instead of declaring it again)"
        }
        return diagnostic
    }

    private static func summary(of errors: [Diagnostic], notebook: Notebook) -> String {
        errors.prefix(5).map { error in
            var line = error.description
            if error.message.hasPrefix("invalid redeclaration"), let note = error.notes.first?.location {
                line += " (first declared at \(note))"
            }
            return line
        }.joined(separator: "\n")
    }
}

/// What the running program said about one cell.
struct CellRunData {
    var started: Bool
    var status: CellStatus
    var outputs: [CellOutput]
    var seconds: Double?
    /// The values of the inline expressions this cell's part of the program evaluated.
    var inlineResults: [Int: InlineResult] = [:]
}

extension NotebookExecutor {
    /// The problems `notebook` would have at compile time, without running anything: bracket
    /// problems and compiler errors and warnings, each mapped to its Markdown line.
    public func check(_ notebook: Notebook, parameterOverrides: [(name: String, value: String)] = []) throws
        -> [Diagnostic]
    {
        let parameters = try ParameterResolver.resolve(notebook, overrides: parameterOverrides)
        var diagnostics: [Diagnostic] = []
        for cell in notebook.runnableCells {
            if let problem = SwiftLexer.bracketProblem(in: cell.source) {
                diagnostics.append(
                    Diagnostic(
                        severity: .error, message: problem.message,
                        location: SourceLocation(file: notebook.path, line: cell.sourceLine + problem.line - 1)))
            }
        }
        let inline = InlineEvaluation(notebook)
        diagnostics += inline.failures.values.sorted { $0.index < $1.index }.map {
            Diagnostic(severity: .error, message: $0.failure.message, location: $0.failure.location)
        }
        guard diagnostics.isEmpty, !notebook.runnableCells.isEmpty else { return diagnostics }
        let temporary = try TemporaryFolder.make()
        defer { temporary.remove() }
        let workDirectory = temporary.path
        let compiler = NotebookCompiler(toolchain: toolchain)
        var plan = ProgramPlanner.plan(notebook, parameters: parameters)
        var outcome = try compiler.compile(plan, in: workDirectory)
        if outcome.executable == nil {
            let rewritten = Set(
                erroringCells(outcome.diagnostics, plan: plan, notebookPath: notebook.path)
                    .filter { ordinal in plan.cells.first { $0.ordinal == ordinal }?.showsResult == true })
            if !rewritten.isEmpty {
                plan = ProgramPlanner.plan(notebook, parameters: parameters, withoutResult: rewritten)
                outcome = try compiler.compile(plan, in: workDirectory)
            }
        }
        return outcome.diagnostics.map { diagnostic in
            cellOrdinal(for: diagnostic.location, plan: plan, notebookPath: notebook.path) == nil
                ? diagnostic : Self.explained(diagnostic, plan: plan)
        }
    }
}
