import Foundation
import NotebookDocument
import NotebookExecution
import NotebookOutput

/// A notebook kept live in a ``CellEngine``: each ``run(_:rerunningFrom:onCellStarted:)`` runs
/// only the cells from the first one whose code, options or inline expressions changed since the
/// previous run, resuming from the engine's snapshot after the cell before it. The cells above
/// keep their outputs and their state; an edit of the prose alone runs nothing. `notebook serve`
/// keeps one session per page.
///
/// A run gives the same ``NotebookRun`` the batch engine (`NotebookExecutor`) gives: cells that
/// are not Swift or have `eval: false` are skipped, a failing cell stops the cells after it
/// (`notRun`) unless it is marked `error: true`, and each inline expression of the prose is
/// evaluated after the runnable cell above it. Call it from one thread at a time.
public final class NotebookSession: @unchecked Sendable {
    /// A runnable cell as last run: what it was, and what it did.
    private struct Step {
        /// What decides whether the cell must run again (its code, options, inline expressions).
        var fingerprint: String
        /// The notebook line of its code when it ran (diagnostics are shifted when it moves).
        var sourceLine: Int
        /// What it did.
        var run: CellRun
        /// The results of the inline expressions it evaluated, in their order after it.
        var inlineResults: [InlineResult]
        /// The engine's history length after it (its state).
        var historyCount: Int

        /// Whether a later run may keep it as it is.
        var isReusable: Bool {
            switch run.status {
            case .succeeded, .expectedFailure: true
            default: false
            }
        }
    }

    private let toolchain: NotebookToolchain
    private let options: ExecutionOptions
    private let snapshotMemoryBudget: Int
    private var engine: CellEngine?
    /// The notebook path and parameters the engine was started with.
    private var engineKey: (path: String, parameters: [Parameter])?
    private var steps: [Step] = []

    /// The ordinals of the cells the last run executed (the others kept their outputs).
    public private(set) var lastExecutedCells: [Int] = []

    /// The bytes the engine's snapshots hold on their own (pages changed since each fork).
    public var snapshotBytes: Int { engine?.snapshotBytes ?? 0 }

    /// A session that runs notebooks with `options` (parameter overrides, time limits); the
    /// engine keeps at most `snapshotMemoryBudget` bytes of snapshots.
    public init(
        toolchain: NotebookToolchain, options: ExecutionOptions = ExecutionOptions(),
        snapshotMemoryBudget: Int = 1 << 30
    ) {
        self.toolchain = toolchain
        self.options = options
        self.snapshotMemoryBudget = snapshotMemoryBudget
    }

    deinit {
        engine?.shutdown()
    }

    /// Ends the engine's processes.
    public func shutdown() {
        engine?.shutdown()
        engine = nil
        engineKey = nil
        steps = []
    }

    /// The ordinals of the cells a run of `notebook` would execute now (the stale cells), in order.
    public func staleCells(in notebook: Notebook, rerunningFrom ordinal: Int? = nil) -> [Int] {
        let planned = Self.plannedSteps(notebook)
        let parameters = try? ParameterResolver.resolve(notebook, overrides: options.parameterOverrides)
        let first = firstStale(planned, path: notebook.path, parameters: parameters ?? [], rerunningFrom: ordinal)
        return planned[first...].map(\.cell.ordinal)
    }

    /// What the page shows while a run of `notebook` is under way: the cells above the first
    /// stale one as they ran, the stale ones marked `notRun` ("stale: running again"; those whose
    /// own code did not change keep their previous outputs). Nil when nothing ran yet, or nothing
    /// is stale.
    public func pendingRun(_ notebook: Notebook, rerunningFrom ordinal: Int? = nil) -> NotebookRun? {
        guard !steps.isEmpty,
            let parameters = try? ParameterResolver.resolve(notebook, overrides: options.parameterOverrides)
        else { return nil }
        let planned = Self.plannedSteps(notebook)
        let first = firstStale(planned, path: notebook.path, parameters: parameters, rerunningFrom: ordinal)
        guard first < planned.count else { return nil }
        return assemble(
            notebook, planned: planned, parameters: parameters, started: Date(), compileSeconds: 0, staleFrom: first)
    }

    /// Runs what changed in `notebook` since the last run (everything the first time), and from
    /// the cell with ordinal `rerunningFrom` on when given. `onCellStarted` gets each cell's
    /// ordinal before it runs.
    ///
    /// - Throws: ``ParameterError`` for a `-p` override that does not fit, or
    ///   ``CellEngine/StartError`` when the engine cannot start.
    public func run(
        _ notebook: Notebook, rerunningFrom ordinal: Int? = nil, onCellStarted: (Int) -> Void = { _ in }
    ) throws -> NotebookRun {
        let started = Date()
        let parameters = try ParameterResolver.resolve(notebook, overrides: options.parameterOverrides)
        let planned = Self.plannedSteps(notebook)
        let first = firstStale(planned, path: notebook.path, parameters: parameters, rerunningFrom: ordinal)
        if let key = engineKey, key.path != notebook.path || key.parameters != parameters {
            shutdown()
        }
        steps.removeLast(steps.count - first)
        lastExecutedCells = []
        var compileSeconds = 0.0
        if first < planned.count {
            let engine = try startedEngine(path: notebook.path, parameters: parameters)
            let keep = steps.last?.historyCount ?? 0
            if engine.history.count != keep { engine.restore(keepingFirst: keep) }
            var executionCount = steps.compactMap(\.run.executionCount).max() ?? 0
            for step in planned[first...] {
                onCellStarted(step.cell.ordinal)
                lastExecutedCells.append(step.cell.ordinal)
                let (ran, seconds) = execute(step, in: engine, notebook: notebook, executionCount: &executionCount)
                compileSeconds += seconds
                steps.append(ran)
                if !ran.isReusable { break }
            }
        }
        return assemble(
            notebook, planned: planned, parameters: parameters, started: started, compileSeconds: compileSeconds)
    }

    // MARK: Planning

    /// A runnable cell with the inline expressions evaluated around it.
    private struct PlannedStep {
        var cell: CodeCell
        /// Inline expressions evaluated before its code (those above the first runnable cell).
        var before: [InlineExpression]
        /// Inline expressions evaluated after its code (those below it, up to the next runnable cell).
        var after: [InlineExpression]

        var fingerprint: String {
            let options = "\(cell.options.showResult) \(cell.options.error) \(cell.options.timeout ?? -1)"
            return ([options, cell.source] + (before + after).map(\.code)).joined(separator: "\u{0}")
        }
    }

    private static func plannedSteps(_ notebook: Notebook) -> [PlannedStep] {
        var steps: [PlannedStep] = []
        var leading: [InlineExpression] = []
        for block in notebook.blocks {
            switch block {
            case .code(let cell):
                guard cell.isSwift, cell.options.eval else { continue }
                steps.append(PlannedStep(cell: cell, before: steps.isEmpty ? leading : [], after: []))
            case .prose(let prose):
                if steps.isEmpty {
                    leading += prose.inlineExpressions
                } else {
                    steps[steps.count - 1].after += prose.inlineExpressions
                }
            }
        }
        return steps
    }

    /// The index among `planned` of the first step that must run.
    private func firstStale(
        _ planned: [PlannedStep], path: String, parameters: [Parameter], rerunningFrom ordinal: Int?
    ) -> Int {
        guard let key = engineKey, key.path == path, key.parameters == parameters else { return 0 }
        var first = 0
        while first < min(planned.count, steps.count), steps[first].isReusable,
            steps[first].fingerprint == planned[first].fingerprint
        {
            first += 1
        }
        if let ordinal, let forced = planned.firstIndex(where: { $0.cell.ordinal >= ordinal }) {
            first = min(first, forced)
        }
        return first
    }

    // MARK: Running

    private func startedEngine(path: String, parameters: [Parameter]) throws -> CellEngine {
        if let engine { return engine }
        var configuration = CellEngine.Configuration(
            toolchain: toolchain, parameters: parameters, file: path, snapshotMemoryBudget: snapshotMemoryBudget)
        configuration.workingDirectory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        configuration.memoryLimitBytes = options.memoryLimitBytes
        configuration.fileSizeLimitBytes = options.fileSizeLimitBytes
        configuration.processLimit = options.processLimit
        let engine = try CellEngine(configuration: configuration)
        self.engine = engine
        engineKey = (path, parameters)
        return engine
    }

    /// Runs one step; a step whose inline expressions do not compile runs again without them
    /// (they fail on their own, as in the batch engine).
    private func execute(
        _ step: PlannedStep, in engine: CellEngine, notebook: Notebook, executionCount: inout Int
    ) -> (Step, compileSeconds: Double) {
        let cell = step.cell
        let limit = cell.options.timeout ?? options.cellTimeout ?? notebook.frontMatter.timeout ?? options.timeout
        var inlineFailures: [Int: CellFailure] = [:]
        var assembler: CellOutputAssembler
        var report: CellReport
        var compileSeconds = 0.0
        repeat {
            assembler = CellOutputAssembler()
            let included = { (expressions: [InlineExpression]) in expressions.filter { inlineFailures[$0.index] == nil }
            }
            report = engine.execute(
                cell.source, file: notebook.path, line: cell.sourceLine, showsResult: cell.options.showResult,
                timeout: .milliseconds(Int(limit * 1000)),
                prologue: InlineEvaluationSource.source(included(step.before), file: notebook.path),
                epilogue: InlineEvaluationSource.source(included(step.after), file: notebook.path)
            ) { assembler.add($0) }
            compileSeconds += report.compileSeconds + report.linkSeconds
            guard report.status == .compileFailed else { break }
            let failed = InlineEvaluationSource.failures(
                report.diagnostics, among: included(step.before + step.after), file: notebook.path)
            if failed.isEmpty { break }
            inlineFailures.merge(failed) { first, _ in first }
        } while true

        var run = CellRun(
            ordinal: cell.ordinal, status: .succeeded, outputs: assembler.outputs, seconds: report.runSeconds,
            diagnostics: report.diagnostics.filter { $0.severity != .error })
        if let failure = assembler.failure(for: report) {
            run.status = cell.options.error ? .expectedFailure(failure) : .failed(failure)
            if report.status == .compileFailed {
                run.diagnostics = report.diagnostics
                run.seconds = nil
            }
        }
        if report.status != .compileFailed {
            executionCount += 1
            run.executionCount = executionCount
        }
        var inline = assembler.inlineResults
        for (index, failure) in inlineFailures { inline[index] = .failed(failure) }
        let ordered = (step.before + step.after).map { inline[$0.index] ?? .notRun(reason: "the cell above it failed") }
        return (
            Step(
                fingerprint: step.fingerprint, sourceLine: cell.sourceLine, run: run, inlineResults: ordered,
                historyCount: engine.history.count),
            compileSeconds
        )
    }

    // MARK: Assembling

    /// One `CellRun` per code block, in the batch engine's shape.
    /// With `staleFrom`, the steps from that index on are marked stale (a run is under way).
    private func assemble(
        _ notebook: Notebook, planned: [PlannedStep], parameters: [Parameter], started: Date, compileSeconds: Double,
        staleFrom: Int? = nil
    ) -> NotebookRun {
        var byOrdinal: [Int: CellRun] = [:]
        var inlineResults: [Int: InlineResult] = [:]
        var stoppedBy: String?
        for (index, step) in planned.enumerated() {
            let cell = step.cell
            let expressions = step.before + step.after
            if let staleFrom, index >= staleFrom {
                let reason = "stale: this cell or one above it changed; running again…"
                var run = CellRun(ordinal: cell.ordinal, status: .notRun(reason: reason))
                if index < steps.count, steps[index].fingerprint == step.fingerprint {
                    run.outputs = steps[index].run.outputs
                }
                byOrdinal[cell.ordinal] = run
                for expression in expressions { inlineResults[expression.index] = .notRun(reason: reason) }
                continue
            }
            guard index < steps.count, stoppedBy == nil else {
                let reason = stoppedBy ?? "an earlier cell failed"
                byOrdinal[cell.ordinal] = CellRun(ordinal: cell.ordinal, status: .notRun(reason: reason))
                for expression in expressions { inlineResults[expression.index] = .notRun(reason: reason) }
                continue
            }
            var run = steps[index].run
            run.ordinal = cell.ordinal
            let shift = cell.sourceLine - steps[index].sourceLine
            if shift != 0 { run = Self.shifted(run, by: shift, file: notebook.path) }
            byOrdinal[cell.ordinal] = run
            for (expression, result) in zip(expressions, steps[index].inlineResults) {
                inlineResults[expression.index] = result
            }
            if case .failed(let failure) = run.status {
                stoppedBy =
                    failure.kind == .compileError
                    ? "cell at line \(cell.fenceLine) did not compile" : "cell at line \(cell.fenceLine) failed"
            }
        }
        if planned.isEmpty {
            for expression in notebook.inlineExpressions {
                inlineResults[expression.index] = .notRun(reason: "the notebook has no Swift cell to run it after")
            }
        }
        let cells = notebook.codeCells.map { byOrdinal[$0.ordinal] ?? CellRun(ordinal: $0.ordinal, status: .skipped) }
        return NotebookRun(
            notebookPath: notebook.path, startedAt: started, totalSeconds: Date().timeIntervalSince(started),
            compileSeconds: compileSeconds, cells: cells, parameters: parameters, inlineResults: inlineResults)
    }

    /// `run` with the notebook lines of its diagnostics and failure moved by `shift` (the cell
    /// moved in the file since it ran: the prose above it changed).
    private static func shifted(_ run: CellRun, by shift: Int, file: String) -> CellRun {
        func move(_ location: SourceLocation?) -> SourceLocation? {
            guard var location, location.file == file else { return location }
            location.line += shift
            return location
        }
        func move(_ diagnostic: Diagnostic) -> Diagnostic {
            var diagnostic = diagnostic
            diagnostic.location = move(diagnostic.location)
            diagnostic.notes = diagnostic.notes.map(move)
            return diagnostic
        }
        var run = run
        run.diagnostics = run.diagnostics.map(move)
        if case .expectedFailure(var failure) = run.status {
            failure.location = move(failure.location)
            run.status = .expectedFailure(failure)
        }
        return run
    }
}
