import Foundation
import NotebookDocument
import NotebookOutput

/// One or more runs of a compiled notebook program.
///
/// A run that crashes in a cell marked `error: true` is replayed with that cell skipped, so the
/// cells after it still run (their declarations do not depend on it: such cells have their own
/// scope). Any other failure stops the notebook there.
struct ProgramSession {
    let executable: String
    let plan: ProgramPlan
    let notebook: Notebook
    let options: ExecutionOptions
    let workDirectory: String

    func runAll() -> [Int: CellRunData] {
        var results: [Int: CellRunData] = [:]
        var skipped: Set<Int> = []
        var firstPending = 0
        // Each replay skips one more crashed `error: true` cell, at most once per cell: the
        // number of runs is bounded by the number of cells plus one.
        while true {
            let attempt = runOnce(skipping: skipped, reportFrom: firstPending)
            for (index, data) in attempt.cells where index >= firstPending {
                results[plan.cells[index].ordinal] = data
            }
            guard let crashed = attempt.crashedCell, crashed >= firstPending, !skipped.contains(crashed),
                plan.cells[crashed].expectsFailure, crashed + 1 < plan.cells.count
            else { break }
            skipped.insert(crashed)
            firstPending = crashed + 1
        }
        return results
    }

    struct Attempt {
        var cells: [Int: CellRunData]
        var crashedCell: Int?
    }

    private func environment(skipping skipped: Set<Int>, framing: RecordFraming, backtrace: String) -> [String: String]
    {
        var environment = ProcessInfo.processInfo.environment
        environment[RecordFraming.nonceVariable] = framing.nonce
        environment["NOTEBOOK_RUNNER_PID"] = String(getpid())
        environment["NOTEBOOK_SKIP_CELLS"] = skipped.sorted().map(String.init).joined(separator: ",")
        environment["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,format=json,output-to=\(backtrace)"
        return environment
    }

    private func runOnce(skipping skipped: Set<Int>, reportFrom firstReported: Int) -> Attempt {
        let framing = RecordFraming.random()
        let standardOutput = workDirectory + "/stdout"
        let standardError = workDirectory + "/stderr"
        let backtrace = workDirectory + "/backtrace-\(skipped.count).json"
        var collector = OutputCollector(
            expectsFailure: plan.cells.map(\.expectsFailure),
            inlineExpressions: plan.cells.map { Set($0.inlineExpressions) },
            skipped: skipped)
        let process: ChildProcess
        do {
            process = try ChildProcess(
                executable: executable, arguments: [],
                environment: environment(skipping: skipped, framing: framing, backtrace: backtrace),
                workingDirectory: URL(fileURLWithPath: notebook.path).deletingLastPathComponent().path,
                standardOutput: standardOutput, standardError: standardError,
                memoryLimitBytes: options.memoryLimitBytes, fileSizeLimitBytes: options.fileSizeLimitBytes,
                processLimit: options.processLimit)
        } catch {
            return launchFailure(error, reportFrom: firstReported)
        }

        var watch = ProgramRunWatch(
            plan: plan, notebookLimit: notebook.frontMatter.timeout ?? options.timeout, cellLimit: cellLimit,
            onEvent: options.onEvent)
        var decoder = RecordStreamDecoder(framing: framing)
        let reader = FileHandle(forReadingAtPath: standardOutput)
        let termination = process.wait {
            Self.drain(reader, into: &decoder, collector: &collector)
            return watch.observe(collector, processReachedLimit: process.reachedProcessLimit)
        }
        Self.drain(reader, into: &decoder, collector: &collector)
        try? reader?.close()
        collector.consumeStandardOutput(decoder.finish())
        collector.finish()
        Self.readStandardError(standardError, framing: framing, into: &collector)
        watch.reportFinished(collector)
        var attempt = assemble(
            collector, termination: termination, timedOut: watch.timedOut,
            reachedProcessLimit: watch.reachedProcessLimit, backtrace: backtrace, cellElapsed: watch.secondsInCell())
        let due = plan.cells.indices.filter { $0 >= firstReported && !skipped.contains($0) }
        if attempt.crashedCell == nil {
            requireCompleteRun(
                &attempt, due: due, termination: termination, timedOut: watch.timedOut,
                reachedProcessLimit: watch.reachedProcessLimit)
        }
        flagRecordProblems(collector, in: &attempt, due: due)
        return attempt
    }

    /// The program could not be started: the first cell due fails with the reason.
    private func launchFailure(_ error: ChildProcess.LaunchError, reportFrom firstReported: Int) -> Attempt {
        var cells: [Int: CellRunData] = [:]
        if let first = plan.cells.indices.first(where: { $0 >= firstReported }) {
            cells[first] = CellRunData(
                started: false, status: .failed(CellFailure(kind: .crash, message: error.description)), outputs: [])
        }
        return Attempt(cells: cells, crashedCell: nil)
    }

    /// Reads the program's standard error once it has ended, a megabyte at a time (it holds
    /// records too: uncaught errors, inline results).
    private static func readStandardError(_ path: String, framing: RecordFraming, into collector: inout OutputCollector)
    {
        var decoder = RecordStreamDecoder(framing: framing)
        if let reader = FileHandle(forReadingAtPath: path) {
            while let data = try? reader.read(upToCount: 1 << 20), !data.isEmpty {
                collector.consumeStandardError(decoder.feed(data))
            }
            try? reader.close()
        }
        collector.consumeStandardError(decoder.finish())
    }

    /// Reads what the program wrote since the last call, a megabyte at a time, so a cell that
    /// prints hundreds of megabytes between two polls never sits in memory whole: each chunk
    /// is decoded and capped by the collector before the next is read.
    private static func drain(
        _ reader: FileHandle?, into decoder: inout RecordStreamDecoder, collector: inout OutputCollector
    ) {
        guard let reader else { return }
        while let data = try? reader.read(upToCount: 1 << 20), !data.isEmpty {
            collector.consumeStandardOutput(decoder.feed(data))
        }
    }

    private func cellLimit(_ cell: ProgramPlan.PlannedCell) -> Double? {
        let options = notebook.codeCells.first { $0.ordinal == cell.ordinal }?.options
        return options?.timeout ?? self.options.cellTimeout
    }

    private func assemble(
        _ collector: OutputCollector, termination: ChildProcess.Termination,
        timedOut: ProgramRunWatch.Timeout?, reachedProcessLimit: Bool, backtrace: String,
        cellElapsed: Double
    ) -> Attempt {
        var cells: [Int: CellRunData] = [:]
        var crashedCell: Int?
        for index in plan.cells.indices {
            guard let record = collector.cells[index], record.started else {
                cells[index] = CellRunData(started: false, status: .notRun(reason: ""), outputs: [])
                continue
            }
            var outputs = record.outputs
            var status: CellStatus = .succeeded
            var seconds = record.seconds
            var standardError = record.standardError.text
            if let message = record.caughtError {
                status = .expectedFailure(CellFailure(kind: .uncaughtError, message: message))
            } else if !record.finished {
                crashedCell = index
                seconds = cellElapsed
                if reachedProcessLimit {
                    status = .failed(processLimitFailure(at: index))
                } else if let timedOut {
                    let scope = timedOut.perCell ? "its" : "the notebook's"
                    let seconds = Self.formatSeconds(timedOut.limit)
                    let hint = timeoutHint(perCell: timedOut.perCell, cell: plan.cells[index])
                    status = .failed(
                        CellFailure(
                            kind: .timeout,
                            message: "the cell ran past \(scope) time limit of \(seconds) and was stopped (\(hint))",
                            location: SourceLocation(file: notebook.path, line: plan.cells[index].sourceLine)))
                } else {
                    let analysis = CrashAnalyzer.analyze(
                        standardError: standardError, backtraceFile: backtrace, notebookPath: notebook.path,
                        termination: termination, memoryLimited: options.memoryLimitBytes != nil)
                    standardError = analysis.remainingStandardError
                    status = .failed(analysis.failure)
                }
            }
            if !standardError.isEmpty { outputs.append(.stderr(standardError)) }
            cells[index] = CellRunData(
                started: true, status: status, outputs: outputs, seconds: seconds,
                inlineResults: record.inlineResults.filter { plan.cells[index].inlineExpressions.contains($0.key) })
        }
        return Attempt(cells: cells, crashedCell: crashedCell)
    }

    /// "All cells ok" needs every due cell seen to start and finish, in order, and the process
    /// to exit normally. Otherwise the first cell not seen to start (or, when all were, the last
    /// one) fails with the reason.
    private func requireCompleteRun(
        _ attempt: inout Attempt, due: [Int], termination: ChildProcess.Termination,
        timedOut: ProgramRunWatch.Timeout?, reachedProcessLimit: Bool
    ) {
        let missing = due.first { attempt.cells[$0]?.started != true }
        guard missing != nil || termination != .exited(0), let target = missing ?? due.last else { return }
        let location = SourceLocation(file: notebook.path, line: plan.cells[target].sourceLine)
        let ending = Self.describe(termination)
        var failure: CellFailure
        if reachedProcessLimit {
            failure = processLimitFailure(at: target)
        } else if let timedOut {
            let seconds = Self.formatSeconds(timedOut.limit)
            failure = CellFailure(
                kind: .timeout,
                message:
                    "the notebook ran past its time limit of \(seconds) before this cell \(missing != nil ? "started" : "was done") (\(timeoutHint(perCell: false, cell: plan.cells[target])))",
                location: location)
        } else if missing == nil {
            failure = CellFailure(
                kind: .crash,
                message:
                    "every cell finished, but then the notebook process \(ending); the run cannot count as successful",
                location: location)
        } else {
            let what =
                target == due.first
                ? "before the first cell started" : "after the previous cell and before this cell started"
            failure = CellFailure(kind: .crash, message: "the notebook process \(ending) \(what)", location: location)
            if let limit = options.memoryLimitBytes, termination != .exited(0) {
                failure.kind = .memoryLimit
                failure.message +=
                    " (the memory limit of \(limit >> 20) MB may be too small for the program to start: raise --memory-limit)"
            }
        }
        var data = attempt.cells[target] ?? CellRunData(started: false, status: .notRun(reason: ""), outputs: [])
        data.status = .failed(failure)
        attempt.cells[target] = data
    }

    /// Boundary records the plan does not allow were ignored; the cell they arrived in (or the
    /// first due cell) fails, naming them, since the process did not behave as the program does.
    private func flagRecordProblems(_ collector: OutputCollector, in attempt: inout Attempt, due: [Int]) {
        guard collector.recordProblemCount > 0 else { return }
        var byCell: [Int: [String]] = [:]
        for problem in collector.recordProblems {
            guard let cell = problem.cell ?? due.first else { continue }
            byCell[cell, default: []].append(problem.message)
        }
        let unlisted = collector.recordProblemCount - collector.recordProblems.count
        for (cell, problems) in byCell {
            var data = attempt.cells[cell] ?? CellRunData(started: false, status: .notRun(reason: ""), outputs: [])
            if case .failed = data.status { continue }
            let more = unlisted > 0 ? " (and \(unlisted) more)" : ""
            data.status = .failed(
                CellFailure(
                    kind: .invalidRecord,
                    message:
                        "the cell wrote runner records the program does not allow, and they were ignored: \(problems.joined(separator: "; "))\(more). Cells must not call the runner's hooks or write its records",
                    location: SourceLocation(file: notebook.path, line: plan.cells[cell].sourceLine)))
            attempt.cells[cell] = data
        }
    }

    /// The failure of the cell that was running when a fork failed at the process limit.
    private func processLimitFailure(at index: Int) -> CellFailure {
        CellFailure(
            kind: .processLimit,
            message:
                "the cell tried to run more than \(options.processLimit) processes and threads at once (the process limit; a fork bomb?), so the run was stopped with everything it started (raise --process-limit if the cell needs more)",
            location: SourceLocation(file: notebook.path, line: plan.cells[index].sourceLine))
    }

    /// "exited with status 3", "was ended by signal 9 (SIGKILL: killed)".
    static func describe(_ termination: ChildProcess.Termination) -> String {
        switch termination {
        case .exited(let status): "exited with status \(status)"
        case .signalled(let signal): "was ended by signal \(signal) (\(CrashAnalyzer.signalName(signal)))"
        case .killed: "was stopped by the runner"
        }
    }

    /// How to raise the limit that stopped the cell: the setting it came from.
    private func timeoutHint(perCell: Bool, cell: ProgramPlan.PlannedCell) -> String {
        if perCell {
            let hasOwn = notebook.codeCells.first { $0.ordinal == cell.ordinal }?.options.timeout != nil
            return hasOwn
                ? "raise the cell's '//| timeout:' option"
                : "set a longer limit with --cell-timeout, or give the cell a '//| timeout:' option"
        }
        return Self.notebookTimeoutHint(notebook)
    }

    /// How to raise the notebook's time limit: the setting it came from.
    static func notebookTimeoutHint(_ notebook: Notebook) -> String {
        notebook.frontMatter.timeout != nil
            ? "raise 'timeout' in the front matter"
            : "set a longer limit with --timeout, or 'timeout' in the front matter"
    }

    static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
