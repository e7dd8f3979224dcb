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
        var skipped: [Int] = []
        var firstPending = 0
        while true {
            let attempt = runOnce(skipping: skipped, reportFrom: firstPending)
            for (index, data) in attempt.cells where index >= firstPending {
                results[plan.cells[index].ordinal] = data
            }
            guard let crashed = attempt.crashedCell, plan.cells[crashed].expectsFailure,
                crashed + 1 < plan.cells.count
            else { break }
            skipped.append(crashed)
            firstPending = crashed + 1
        }
        return results
    }

    private struct Attempt {
        var cells: [Int: CellRunData]
        var crashedCell: Int?
    }

    private func environment(skipping skipped: [Int], framing: RecordFraming, backtrace: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment[RecordFraming.nonceVariable] = framing.nonce
        environment["NOTEBOOK_SKIP_CELLS"] = skipped.map(String.init).joined(separator: ",")
        environment["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,format=json,output-to=\(backtrace)"
        return environment
    }

    private func runOnce(skipping skipped: [Int], reportFrom firstReported: Int) -> Attempt {
        let framing = RecordFraming.random()
        let standardOutput = workDirectory + "/stdout"
        let standardError = workDirectory + "/stderr"
        let backtrace = workDirectory + "/backtrace-\(skipped.count).json"
        let notebookFolder = URL(fileURLWithPath: notebook.path).deletingLastPathComponent().path
        var collector = OutputCollector()
        let process: ChildProcess
        do {
            process = try ChildProcess(
                executable: executable, arguments: [],
                environment: environment(skipping: skipped, framing: framing, backtrace: backtrace),
                workingDirectory: notebookFolder, standardOutput: standardOutput, standardError: standardError,
                memoryLimitBytes: options.memoryLimitBytes)
        } catch {
            var cells: [Int: CellRunData] = [:]
            if let first = plan.cells.indices.first(where: { $0 >= firstReported }) {
                cells[first] = CellRunData(
                    started: false, status: .failed(CellFailure(kind: .crash, message: error.description)), outputs: [])
            }
            return Attempt(cells: cells, crashedCell: nil)
        }

        let notebookLimit = notebook.frontMatter.timeout ?? options.timeout
        let runStart = Date()
        var decoder = RecordStreamDecoder(framing: framing)
        let reader = FileHandle(forReadingAtPath: standardOutput)
        var cellStart = runStart
        var seenCell: Int?
        var timedOut: (cell: Int?, limit: Double, perCell: Bool)?
        let termination = process.wait {
            Self.drain(reader, into: &decoder, collector: &collector)
            if collector.currentCell != seenCell, let current = collector.currentCell {
                if let previous = seenCell, let seconds = collector.cells[previous]?.seconds {
                    options.onEvent?(.cellFinished(ordinal: plan.cells[previous].ordinal, seconds: seconds))
                }
                seenCell = current
                cellStart = Date()
                let cell = plan.cells[current]
                options.onEvent?(
                    .cellStarted(ordinal: cell.ordinal, line: cell.sourceLine, number: current + 1, of: plan.cells.count))
            }
            if let progress = collector.lastProgress {
                options.onEvent?(.progress(progress))
            }
            let now = Date()
            if now.timeIntervalSince(runStart) > notebookLimit {
                timedOut = (seenCell, notebookLimit, false)
                return true
            }
            if let current = seenCell, let limit = cellLimit(plan.cells[current]), now.timeIntervalSince(cellStart) > limit {
                timedOut = (current, limit, true)
                return true
            }
            return false
        }
        Self.drain(reader, into: &decoder, collector: &collector)
        try? reader?.close()
        collector.consumeStandardOutput(decoder.finish())
        collector.finish()
        var errorDecoder = RecordStreamDecoder(framing: framing)
        if let errorReader = FileHandle(forReadingAtPath: standardError) {
            while let data = try? errorReader.read(upToCount: 1 << 20), !data.isEmpty {
                collector.consumeStandardError(errorDecoder.feed(data))
            }
            try? errorReader.close()
        }
        collector.consumeStandardError(errorDecoder.finish())
        if let last = seenCell, let seconds = collector.cells[last]?.seconds {
            options.onEvent?(.cellFinished(ordinal: plan.cells[last].ordinal, seconds: seconds))
        }
        return assemble(
            collector, termination: termination, timedOut: timedOut, backtrace: backtrace,
            cellElapsed: Date().timeIntervalSince(cellStart))
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
        timedOut: (cell: Int?, limit: Double, perCell: Bool)?, backtrace: String, cellElapsed: Double
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
                if let timedOut {
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

    /// How to raise the limit that stopped the cell: the setting it came from.
    private func timeoutHint(perCell: Bool, cell: ProgramPlan.PlannedCell) -> String {
        if perCell {
            let hasOwn = notebook.codeCells.first { $0.ordinal == cell.ordinal }?.options.timeout != nil
            return hasOwn
                ? "raise the cell's '//| timeout:' option"
                : "set a longer limit with --cell-timeout, or give the cell a '//| timeout:' option"
        }
        return notebook.frontMatter.timeout != nil
            ? "raise 'timeout' in the front matter"
            : "set a longer limit with --timeout, or 'timeout' in the front matter"
    }

    static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
