import Foundation
import NotebookDocument
import NotebookExecution
import NotebookOutput

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Runs Swift cells one at a time in a long-lived host process, keeping the state of earlier
/// cells, surviving cells that trap, and able to go back to the state after any earlier cell.
///
/// Each cell becomes a module of its own (see `CellModuleCompiler`) loaded into the host's
/// worker process; after each cell the worker forks a copy-on-write snapshot. A cell that traps,
/// calls `exit`, runs past its time limit or is interrupted ends only the worker: the engine
/// forks a new one from the newest snapshot, so the next cell sees every earlier variable.
///
/// A name declared again in a later cell shadows the earlier declaration for the cells after it
/// (as re-running a cell does in Jupyter). Call ``execute(_:file:line:showsResult:timeout:onEvent:)``
/// from one thread at a time; ``interrupt()`` from any thread.
public final class CellEngine: @unchecked Sendable {
    /// What the engine needs to start.
    public struct Configuration: Sendable {
        /// The compiler and the runtime library.
        public var toolchain: NotebookToolchain
        /// The `notebook-cell-host` executable.
        public var hostExecutable: String
        /// The front-matter parameters every cell sees (declared in the prelude).
        public var parameters: [Parameter]
        /// The file name diagnostics and traps name (a notebook's path, or a name for the session).
        public var file: String
        /// Above this many bytes held by snapshots, the oldest snapshots are dropped.
        public var snapshotMemoryBudget: Int
        /// The host's environment.
        public var environment: [String: String]
        /// The cells' working directory (nil: the engine's own); `serve` gives the notebook's folder,
        /// as the batch engine does.
        public var workingDirectory: String?
        /// Whether every cell compiles through `swiftc -frontend` and links through
        /// `swiftc -emit-library`, instead of running the frontend and the linker directly with
        /// the commands derived from the driver (see ``CellEngine/linking``); for comparisons and
        /// as a way out. The default is true when the environment has `NOTEBOOK_CELL_TOOLS=driver`.
        public var usesDriver: Bool
        /// Whether cells compile in the long-lived `notebook-cell-compiler` (see
        /// ``CellEngine/compiling``) rather than each in a new `swift-frontend` process. The
        /// default is true unless the environment has `NOTEBOOK_CELL_TOOLS=frontend` or `=driver`;
        /// it has no effect with ``usesDriver``.
        public var usesResidentCompiler: Bool
        /// The memory limit of each cell process (a worker and the processes it starts), as
        /// `render`'s `--memory-limit`: their address space is this plus
        /// ``ExecutionLimits/runtimeReserveBytes``. Nil: none.
        public var memoryLimitBytes: Int?
        /// The largest file a cell process may write (`ulimit -f`). Nil: none.
        public var fileSizeLimitBytes: Int?
        /// The most processes and threads the cells may run at once besides the host's own (its
        /// root and its saved snapshots), where the engine can create a cgroup (`pids.max`, kept
        /// at this plus the snapshots held).
        public var processLimit: Int = ExecutionLimits.defaultProcessLimit

        /// The environment variable that makes every cell go through the driver (`driver`), or
        /// through a new frontend process (`frontend`).
        public static let driverVariable = "NOTEBOOK_CELL_TOOLS"

        /// A configuration with the host next to the runtime library, a 2 GiB snapshot budget,
        /// this process's environment, and the derived frontend and linker commands unless
        /// `environment` says `NOTEBOOK_CELL_TOOLS=driver`.
        public init(
            toolchain: NotebookToolchain, parameters: [Parameter] = [], file: String = "cell",
            snapshotMemoryBudget: Int = 2 << 30, environment: [String: String] = ProcessInfo.processInfo.environment
        ) {
            self.toolchain = toolchain
            self.hostExecutable = toolchain.runtimeDirectory + "/notebook-cell-host"
            self.parameters = parameters
            self.file = file
            self.snapshotMemoryBudget = snapshotMemoryBudget
            self.environment = environment
            self.usesDriver = environment[Self.driverVariable] == "driver"
            self.usesResidentCompiler = !["driver", "frontend"].contains(environment[Self.driverVariable] ?? "")
        }
    }

    /// An error starting the engine.
    public struct StartError: Error, Sendable, CustomStringConvertible {
        /// What failed and what to do.
        public var description: String
    }

    /// A cell whose state the engine holds.
    public struct ExecutedCell: Sendable {
        /// The cell's module (`Cell7`).
        public var module: String
        /// The cell's code.
        public var source: String
        /// The file name its diagnostics give.
        public var file: String
        /// The notebook line of the code's first line.
        public var line: Int
        /// The snapshot process holding the state after this cell (nil once dropped).
        var snapshot: Int32?
    }

    /// The cells whose state the current worker has, oldest first.
    public private(set) var history: [ExecutedCell] = [] {
        // The snapshots held count on top of the cells' process limit.
        didSet { host.allowSnapshots(history.count { $0.snapshot != nil }) }
    }
    /// The folder of the cells' sources and libraries (removed by ``shutdown()``).
    public let directory: String
    /// How cells are linked: directly with the derived linker command, or through the driver
    /// (asked for, or because deriving or using that command failed: the reason says which).
    public private(set) var linking: CellLinking
    /// The program that compiles each cell when no resident compiler does: the toolchain's
    /// `swift-frontend`, or `swiftc` when the driver did not name it or the configuration
    /// ``Configuration/usesDriver``.
    public let compilerExecutable: String
    /// Which process compiles the cells: the resident compiler, or a new process each (asked
    /// for, or because the resident compiler could not start or failed: the reason says which).
    public private(set) var compiling: CellCompiling

    private let configuration: Configuration
    private var compiler: CellModuleCompiler
    private let framing = RecordFraming.random()
    private let host: CellHostProcess
    private static let preludeModule = "Cell0"
    /// The longest one cell may take when the cells after a lost snapshot run again to restore
    /// the state (they ran before within their own limits; this only keeps a hung one from
    /// holding the engine forever).
    private static let restoreLimitPerCell: Duration = .seconds(600)
    private let preludeSource: String
    private var sequence = 0
    /// The snapshot the current worker was forked from (it reports the worker's end).
    private var workerParent = "root"
    private let lock = NSLock()
    private var workerPID: Int32 = 0
    /// Whether ``execute(_:file:line:showsResult:timeout:prologue:epilogue:onEvent:)`` is under way (compiling or running).
    private var executing = false
    private var running = false
    private var interruptRequested = false
    private var isShutDown = false

    /// Compiles the prelude (the runtime and the parameters), starts the host and its first worker.
    public init(configuration: Configuration) throws(StartError) {
        self.configuration = configuration
        var template = Array("/tmp/notebook-kernel-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw StartError(description: "error: cannot create a folder in /tmp for the kernel's cells")
        }
        directory = String(cString: made)
        var compiler = CellModuleCompiler(toolchain: configuration.toolchain, directory: directory)
        compiling = .process(reason: "the engine's configuration asks for it")
        if configuration.usesDriver {
            linking = .driver(reason: "the engine's configuration asks for it")
        } else {
            let frontend = CellModuleCompiler.frontendExecutable(
                toolchain: configuration.toolchain, directory: directory)
            compiler.frontend = frontend
            if configuration.usesResidentCompiler {
                let helper = configuration.toolchain.runtimeDirectory + "/notebook-cell-compiler"
                if let sourceKit = ResidentCompiler.sourceKitLibrary(forFrontend: frontend) {
                    let resident = ResidentCompiler(
                        helper: helper, sourceKit: sourceKit, log: directory + "/resident-compiler.log")
                    if let failure = resident.start() {
                        compiling = .process(reason: "the resident compiler did not start: \(failure)")
                    } else {
                        compiler.resident = resident
                        compiling = .resident(helper: helper)
                    }
                } else {
                    compiling = .process(reason: "the toolchain of \(frontend) has no lib/libsourcekitdInProc.so")
                }
            }
            switch CellLinkCommand.derive(toolchain: configuration.toolchain, directory: directory) {
            case .success(let command):
                compiler.linkCommand = command
                linking = .direct(linker: command.linker)
            case .failure(let error):
                linking = .driver(reason: "cannot derive the linker command from swiftc -###: \(error)")
            }
        }
        let frontMatter = FrontMatter(parameters: configuration.parameters)
        // The runner hooks (the only code that imports the runtime's SPI; cells reach them through
        // `@testable import Cell0`), the parameters, and a first hook call that sets the recorder
        // up (it may re-execute the host once for OpenBLAS, before any state exists).
        preludeSource =
            RunnerHooks.source
            + ProgramPlanner.plan(
                Notebook(path: configuration.file, frontMatter: frontMatter, blocks: []),
                parameters: configuration.parameters
            ).source
            + "_ = \(RunnerHooks.namespace).shouldRun(0)\n"
        let prelude = compiler.compile(source: preludeSource, module: Self.preludeModule)
        if let failure = prelude.residentFailure {
            compiler.resident?.terminate()
            compiler.resident = nil
            compiling = .process(reason: "the resident compiler failed on the prelude: \(failure)")
        }
        if let failure = prelude.directLinkFailure {
            compiler.linkCommand = nil
            linking = .driver(reason: "the derived linker command failed on the prelude: \(failure)")
        }
        self.compiler = compiler
        compilerExecutable = compiler.frontend ?? configuration.toolchain.swiftc
        guard let library = prelude.library else {
            throw StartError(description: "error: cannot compile the kernel's prelude:\n\(prelude.output)")
        }
        var environment = configuration.environment
        environment[RecordFraming.nonceVariable] = framing.nonce
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment["NOTEBOOK_CELL_WORKING_DIRECTORY"] = configuration.workingDirectory
        environment[CellHostProcess.memoryLimitVariable] = configuration.memoryLimitBytes.map {
            String($0.addingReportingOverflow(ExecutionLimits.runtimeReserveBytes).partialValue)
        }
        environment[CellHostProcess.fileSizeLimitVariable] = configuration.fileSizeLimitBytes.map { String($0) }
        // The batch runner's link (NotebookRuntime's RunnerLink) is not for the host: its root has
        // its own parent-death signal, which ends every host process with the engine.
        environment["NOTEBOOK_RUNNER_PID"] = nil
        do {
            host = try CellHostProcess(
                executable: configuration.hostExecutable, directory: directory,
                prelude: (library.path, library.symbol), environment: environment,
                processLimit: configuration.processLimit)
        } catch {
            throw StartError(description: "error: \(error) (build it with 'swift build -c release')")
        }
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            guard let event = host.nextEvent(until: deadline), event != .gone else {
                host.terminate()
                throw StartError(description: "error: the cell host did not start (see the kernel's standard error)")
            }
            if case .status(.ready) = event { break }
        }
        guard resume(from: "root") else {
            host.terminate()
            throw StartError(description: "error: the cell host could not start a worker")
        }
    }

    deinit {
        shutdown()
    }

    /// Compiles and runs one cell, streaming what it produces to `onEvent`.
    ///
    /// - Parameters:
    ///   - file: the file name diagnostics and traps give (default: the configuration's).
    ///   - line: the notebook line of the code's first line (diagnostics and traps name it).
    ///   - showsResult: whether the value of a last bare expression is shown (`Out[n]`).
    ///   - timeout: stop the cell after this long (its state is dropped, earlier state kept).
    ///   - prologue, epilogue: code run before and after the cell's own, outside its
    ///     `#sourceLocation` (the evaluation of inline expressions, with their own locations).
    public func execute(
        _ code: String, file: String? = nil, line: Int = 1, showsResult: Bool = true, timeout: Duration? = nil,
        prologue: String = "", epilogue: String = "", onEvent: (CellEvent) -> Void = { _ in }
    ) -> CellReport {
        lock.lock()
        executing = true
        interruptRequested = false
        lock.unlock()
        defer {
            lock.lock()
            executing = false
            lock.unlock()
        }
        sequence += 1
        let module = "Cell\(sequence)"
        let earlier =
            [ShadowedDeclarations.Module(name: Self.preludeModule, source: preludeSource)]
            + history.map { ShadowedDeclarations.Module(name: $0.module, source: $0.source) }
        var scopedImports: [String] = []
        var outcome: CellModuleCompiler.Outcome
        // The cell's time limit and an interrupt stop a compile that does not end (an expression
        // the type checker cannot solve) as they stop a running cell.
        let compileDeadline = timeout.map { ContinuousClock.now + $0 }
        let shouldStop = { [self] in
            isInterruptRequested || compileDeadline.map { ContinuousClock.now > $0 } ?? false
        }
        repeat {
            let source = CellSourceWriter.source(
                code: code, file: file ?? configuration.file, line: line, earlierModules: earlier.map(\.name),
                scopedImports: scopedImports, showsResult: showsResult, prologue: prologue, epilogue: epilogue)
            outcome = compiler.compile(source: source, module: module, shouldStop: shouldStop)
            if let failure = outcome.residentFailure {
                // A new frontend process compiled the cell; keep to that.
                compiler.resident?.terminate()
                compiler.resident = nil
                compiling = .process(reason: "the resident compiler failed on \(module): \(failure)")
            }
            if let failure = outcome.directLinkFailure, outcome.library != nil {
                // The driver linked what the derived command could not: keep to the driver.
                compiler.linkCommand = nil
                linking = .driver(reason: "the derived linker command failed on \(module): \(failure)")
            }
            if outcome.library != nil || outcome.stopped { break }
            let more = ShadowedDeclarations.scopedImports(compilerOutput: outcome.output, modules: earlier)
                .filter { !scopedImports.contains($0) }
            if more.isEmpty { break }
            scopedImports += more
        } while scopedImports.count < 64
        var report = CellReport(
            status: .compileFailed, diagnostics: outcome.diagnostics, message: "", position: nil,
            compileSeconds: outcome.compileSeconds, linkSeconds: outcome.linkSeconds, runSeconds: 0)
        if outcome.stopped {
            let interrupted = takeInterruptRequest()
            report.status = interrupted ? .interrupted : .timedOut
            report.message =
                interrupted
                ? "the cell was interrupted while it compiled; the state is unchanged"
                : "compiling the cell ran past its time limit and was stopped (an expression the type checker cannot solve quickly can cause this: give it type annotations or split it); the state is unchanged"
            return report
        }
        guard let library = outcome.library else {
            let cells = history.map { GuardBindingHint.EarlierCell(source: $0.source, file: $0.file, line: $0.line) }
            report.diagnostics = GuardBindingHint.annotate(outcome.diagnostics, earlierCells: cells)
            report.message = report.diagnostics.filter { $0.severity == .error }.map(\.description).joined(
                separator: "\n")
            return report
        }
        let started = ContinuousClock.now
        let (status, message) = run(library, timeout: timeout, onEvent: onEvent)
        let elapsed = ContinuousClock.now - started
        report.runSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        report.status = status
        report.message = message
        if status == .succeeded {
            history[history.count - 1].source = code
            history[history.count - 1].line = line
            history[history.count - 1].file = file ?? configuration.file
            report.position = history.count
            enforceMemoryBudget(onEvent: onEvent)
        }
        return report
    }

    /// Stops the cell being executed, if any (from any thread); its report says `interrupted`.
    /// A cell still compiling is stopped there and does not start.
    public func interrupt() {
        lock.lock()
        defer { lock.unlock() }
        guard executing else { return }
        interruptRequested = true
        if running, workerPID > 0 { host.killWorker(workerPID) }
    }

    /// Goes back to the state after the first `count` cells of ``history`` (0: before any cell).
    /// Cells whose snapshot was dropped are run again from the nearest earlier snapshot.
    public func restore(keepingFirst count: Int) {
        guard count >= 0, count <= history.count else { return }
        endWorker()
        for cell in history[count...] {
            if let snapshot = cell.snapshot { host.kill(snapshot) }
        }
        history.removeLast(history.count - count)
        restoreState()
    }

    /// The bytes the snapshots hold on their own (pages the worker changed since each fork).
    public var snapshotBytes: Int {
        history.compactMap(\.snapshot).map(SnapshotMemory.privateBytes(of:)).reduce(0, +)
    }

    /// Ends every host process and removes the cells' folder.
    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        compiler.resident?.terminate()
        host.terminate()
        try? FileManager.default.removeItem(atPath: directory)
    }

    // MARK: Running

    private func run(
        _ library: CellModuleCompiler.Library, timeout: Duration?, onEvent: (CellEvent) -> Void
    ) -> (CellReport.Status, String) {
        var decoder = RecordStreamDecoder(framing: framing)
        var budget = CellOutputBudget()
        // The end of standard error, where an allocation failure says so.
        var errorTail = ""
        func text(_ bytes: [UInt8], on stream: CellOutputBudget.Stream) {
            let kept = budget.text(bytes, on: stream)
            guard !kept.isEmpty else { return }
            if stream == .standardError { errorTail = String((errorTail + kept).suffix(4096)) }
            onEvent(stream == .standardOutput ? .standardOutput(kept) : .standardError(kept))
        }
        func rich(_ value: RichOutput, as record: (RichOutput) -> OutputRecord) {
            switch budget.rich(value) {
            case .pass(let value): onEvent(.output(record(value)))
            case .refuse(let line): onEvent(.standardError(line))
            case .count: break
            }
        }
        func deliver(_ event: CellHostProcess.Event) {
            switch event {
            case .standardOutput(let bytes):
                for chunk in decoder.feed(bytes) {
                    switch chunk {
                    case .text(let bytes): text(bytes, on: .standardOutput)
                    case .record(.cellStarted), .record(.cellFinished), .record(.cellFailed): break
                    case .record(.display(let value)): rich(value, as: OutputRecord.display)
                    case .record(.result(let value)): rich(value, as: OutputRecord.result)
                    case .record(.inlineValue(let index, let value)):
                        onEvent(.output(.inlineValue(index: index, text: OutputCollector.inlineText(value))))
                    case .record(.inlineFailed(let index, let message)):
                        onEvent(.output(.inlineFailed(index: index, message: OutputCollector.inlineText(message))))
                    case .record(let record): onEvent(.output(record))
                    }
                }
            case .standardError(let bytes): text(bytes, on: .standardError)
            default: break
            }
        }
        func finish() {
            for event in host.drainOutput() { deliver(event) }
            for chunk in decoder.finish() {
                if case .text(let bytes) = chunk { text(bytes, on: .standardOutput) }
            }
            let rest = budget.closing()
            if !rest.standardOutput.isEmpty { onEvent(.standardOutput(rest.standardOutput)) }
            if !rest.standardError.isEmpty { onEvent(.standardError(rest.standardError)) }
        }
        setRunning(true)
        defer { setRunning(false) }
        if takeInterruptRequest() {
            return (.interrupted, "the cell was interrupted before it started; the state is unchanged")
        }
        host.send("run \(library.module) \(library.path) \(library.symbol)")
        let deadline = timeout.map { ContinuousClock.now + $0 }
        var timedOut = false
        // The host said the cell's stack overflowed; believed only if the worker then ends by
        // the fault's signal (a cell could write the line itself).
        var stackOverflowed = false
        while true {
            guard let event = host.nextEvent(until: timedOut ? nil : deadline) else {
                timedOut = true
                host.killWorker(currentWorker())
                continue
            }
            switch event {
            case .standardOutput, .standardError:
                deliver(event)
            case .status(.done(let id, let snapshot)) where id == library.module:
                guard host.confirmsDone(worker: currentWorker(), snapshot: snapshot) else {
                    // The cell wrote the line itself and is still running: it did not finish.
                    let worker = currentWorker()
                    host.killWorker(worker)
                    awaitEnd(of: worker)
                    killLeftovers()
                    finish()
                    restoreState()
                    return (
                        .failed,
                        "the cell wrote the cell host's status lines itself (file descriptor 3), so its end could not be told; it was stopped and the state is that of before it"
                    )
                }
                finish()
                history.append(
                    ExecutedCell(
                        module: library.module, source: "", file: "", line: 1, snapshot: snapshot > 0 ? snapshot : nil))
                return (.succeeded, "")
            case .status(.failed(let id, let reason)) where id == library.module:
                finish()
                return (.failed, reason)
            case .status(.stackOverflow(let id)) where id == library.module:
                stackOverflowed = true
            case .status(.ended(let pid, let signal, let exitCode)) where pid == currentWorker():
                finish()
                // A crashed or exited worker's background processes go with it, as on a stop.
                host.killWorker(pid)
                killLeftovers()
                let interrupted = takeInterruptRequest()
                restoreState()
                if interrupted { return (.interrupted, "the cell was interrupted; the state is that of before it") }
                if timedOut {
                    return (
                        .timedOut, "the cell ran past its time limit and was stopped; the state is that of before it"
                    )
                }
                if stackOverflowed, signal == SIGSEGV || signal == SIGBUS {
                    return (.stackOverflow, CrashAnalyzer.stackOverflowMessage() + "; the state is that of before it")
                }
                let how = signal.map { "signal \($0) (\(CrashAnalyzer.signalName($0)))" } ?? "exit(\(exitCode ?? 0))"
                var hint = ""
                if let limit = configuration.memoryLimitBytes, signal != nil,
                    CrashAnalyzer.suggestsMemoryExhaustion(text: errorTail, signal: signal)
                {
                    hint = " (it may have reached the memory limit of \(limit >> 20) MiB: raise --memory-limit)"
                }
                return (
                    .crashed(signal: signal, exitCode: exitCode),
                    "the cell ended its process with \(how)\(hint); the state is that of before it"
                )
            case .gone:
                return (.failed, "the cell host is gone; restart the kernel")
            default:
                continue
            }
        }
    }

    /// Forks a worker from the newest live snapshot and runs again the cells after it.
    private func restoreState() {
        let base = history.lastIndex(where: { $0.snapshot != nil })
        guard resume(from: base.map { history[$0].module } ?? "root") else { return }
        for index in (base.map { $0 + 1 } ?? 0)..<history.count {
            let module = history[index].module
            host.send("run \(module) \(directory)/lib\(module).so nb_\(module)")
            while let event = host.nextEvent(until: ContinuousClock.now + Self.restoreLimitPerCell) {
                if case .status(.done(let id, let snapshot)) = event, id == module {
                    guard host.confirmsDone(worker: currentWorker(), snapshot: snapshot) else { return }
                    history[index].snapshot = snapshot > 0 ? snapshot : nil
                    break
                }
                if case .status(.ended(let pid, _, _)) = event, pid == currentWorker() { return }
                if event == .gone { return }
            }
            _ = host.drainOutput()
        }
    }

    /// Tells snapshot `id` to fork a worker and waits until it is up.
    private func resume(from id: String) -> Bool {
        host.tellSnapshot(id, "resume")
        let deadline = ContinuousClock.now + .seconds(30)
        while let event = host.nextEvent(until: deadline) {
            if case .status(.worker(let pid)) = event, host.isHostProcess(pid) {
                lock.lock()
                workerPID = pid
                lock.unlock()
                workerParent = id
                return true
            }
            if event == .gone { return false }
        }
        return false
    }

    /// Kills the current worker and waits until its parent reported its end.
    private func endWorker() {
        let pid = currentWorker()
        guard pid > 0 else { return }
        host.killWorker(pid)
        awaitEnd(of: pid)
        killLeftovers()
        _ = host.drainOutput()
    }

    /// Once no worker runs, kills what the ended workers' cells left behind outside their
    /// sessions (see ``CellHostProcess/killLeftovers(keeping:)``); the saved states stay.
    private func killLeftovers() {
        host.killLeftovers(keeping: Set(history.compactMap(\.snapshot)))
    }

    /// Waits (up to 10 s) until the parent of the killed worker `pid` reported its end, or
    /// until the host is gone; other status lines are dropped.
    private func awaitEnd(of pid: pid_t) {
        let deadline = ContinuousClock.now + .seconds(10)
        while let event = host.nextEvent(until: deadline) {
            if case .status(.ended(let ended, _, _)) = event, ended == pid, !host.isAlive(pid) { break }
            if event == .gone { break }
        }
    }

    private func enforceMemoryBudget(onEvent: (CellEvent) -> Void) {
        var total = snapshotBytes
        while total > configuration.snapshotMemoryBudget {
            guard let oldest = history.firstIndex(where: { $0.snapshot != nil && $0.module != workerParent }),
                let pid = history[oldest].snapshot
            else { return }
            let bytes = SnapshotMemory.privateBytes(of: pid)
            host.kill(pid)
            history[oldest].snapshot = nil
            total -= bytes
            onEvent(
                .notice(
                    "dropped the saved state after cell \(oldest + 1) (\(bytes >> 20) MiB) to keep snapshots under \(configuration.snapshotMemoryBudget >> 20) MiB; going back there runs its cells again"
                ))
        }
    }

    private func currentWorker() -> Int32 {
        lock.lock()
        defer { lock.unlock() }
        return workerPID
    }

    private func setRunning(_ value: Bool) {
        lock.lock()
        running = value
        lock.unlock()
    }

    /// Whether an interrupt is pending (without taking it).
    private var isInterruptRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return interruptRequested
    }

    private func takeInterruptRequest() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let requested = interruptRequested
        interruptRequested = false
        return requested
    }
}
