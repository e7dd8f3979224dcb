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

    /// Runs `notebook` and returns what every cell did: check the brackets, look in the cache,
    /// compile (``ProgramCompilation``), run (``ProgramSession``), assemble (``CellRunAssembly``).
    public func run(_ notebook: Notebook, options: ExecutionOptions = ExecutionOptions()) throws -> NotebookRun {
        let started = Date()
        let parameters = try ParameterResolver.resolve(notebook, overrides: options.parameterOverrides)
        let brackets = BracketCheck(notebook)
        var inline = InlineEvaluation(notebook)
        let plan = ProgramPlanner.plan(
            notebook, parameters: parameters, upTo: brackets.firstFailure, withoutInline: inline.leftOut,
            withoutCells: Set(brackets.expectedFailures.keys))

        let cacheable =
            options.cacheDirectory != nil && brackets.failures.isEmpty
            && notebook.runnableCells.allSatisfy(\.options.cache)
        let cache = options.cacheDirectory.map(ResultCache.init(directory:))
        let key = ResultCache.key(
            programSource: plan.source + RunnerHooks.source, toolchain: toolchain, extra: notebook.path)
        if cacheable, !options.force, let cache, var stored = cache.lookup(key)?.validated(for: notebook) {
            stored.fromCache = true
            options.onEvent?(.cached)
            return stored
        }
        if notebook.runnableCells.isEmpty {
            let cells = notebook.codeCells.map { CellRun(ordinal: $0.ordinal, status: .skipped) }
            return NotebookRun(
                notebookPath: notebook.path, startedAt: started, totalSeconds: Date().timeIntervalSince(started),
                compileSeconds: 0, cells: cells, parameters: parameters,
                inlineResults: inline.results(notRunReason: "the notebook has no Swift cell to run it after"))
        }

        let temporary = try TemporaryFolder.make()
        defer { temporary.remove() }
        options.onEvent?(.compiling(cells: plan.cells.count))
        var compilation = ProgramCompilation(
            notebook: notebook, parameters: parameters, compiler: NotebookCompiler(toolchain: toolchain),
            timeLimit: notebook.frontMatter.timeout ?? options.timeout, workDirectory: temporary.path,
            brackets: brackets, withoutInline: inline.leftOut)
        let compiled = try compilation.run(inline: &inline)
        var collected: [Int: CellRunData] = [:]
        if let executable = compiled.executable, !compiled.plan.cells.isEmpty {
            let session = ProgramSession(
                executable: executable, plan: compiled.plan, notebook: notebook, options: options,
                workDirectory: temporary.path)
            collected = session.runAll()
        }
        let assembly = CellRunAssembly(notebook, compiled: compiled, collected: collected, inline: &inline)
        let run = NotebookRun(
            notebookPath: notebook.path, startedAt: started, totalSeconds: Date().timeIntervalSince(started),
            compileSeconds: compiled.seconds, cells: assembly.cells, parameters: parameters,
            inlineResults: inline.results(notRunReason: assembly.stoppedBy ?? "no cell above it ran"))
        if cacheable, run.succeeded, let cache { cache.store(run, for: key) }
        return run
    }
}

extension NotebookExecutor {
    /// The problems `notebook` would have at compile time, without running anything: bracket
    /// problems and compiler errors and warnings, each mapped to its Markdown line.
    public func check(_ notebook: Notebook, parameterOverrides: [(name: String, value: String)] = []) throws
        -> [Diagnostic]
    {
        let parameters = try ParameterResolver.resolve(notebook, overrides: parameterOverrides)
        var diagnostics = BracketCheck.diagnostics(notebook)
        let inline = InlineEvaluation(notebook)
        diagnostics += inline.failures.values.sorted { $0.index < $1.index }.map {
            Diagnostic(severity: .error, message: $0.failure.message, location: $0.failure.location)
        }
        guard diagnostics.isEmpty, !notebook.runnableCells.isEmpty else { return diagnostics }
        let temporary = try TemporaryFolder.make()
        defer { temporary.remove() }
        let compiler = NotebookCompiler(toolchain: toolchain)
        var plan = ProgramPlanner.plan(notebook, parameters: parameters)
        var outcome = try compiler.compile(plan, in: temporary.path)
        if outcome.executable == nil {
            let rejected = CellDiagnostics(plan: plan, notebookPath: notebook.path).rejectedResultRewrites(
                outcome.diagnostics)
            if !rejected.isEmpty {
                plan = ProgramPlanner.plan(notebook, parameters: parameters, withoutResult: rejected)
                outcome = try compiler.compile(plan, in: temporary.path)
            }
        }
        let cells = CellDiagnostics(plan: plan, notebookPath: notebook.path)
        return outcome.diagnostics.map { cells.cellOrdinal(for: $0.location) == nil ? $0 : cells.explained($0) }
    }
}
