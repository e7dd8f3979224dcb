import Dispatch
import Foundation
import NotebookDocument
import NotebookExecution
import NotebookReport

/// What rendering one notebook came to.
public struct RenderOutcome: Sendable {
    /// How it ended.
    public enum Result: Sendable {
        /// The notebook ran (perhaps with failing cells) and its report was written.
        case rendered(NotebookRun, entry: ReportIndexEntry)
        /// The notebook could not be parsed, run or written: why, by what the user can do.
        case failed(PublishingError)
    }

    /// The notebook.
    public var input: NotebookDiscovery.Input
    /// Where its report is (or would have been) written.
    public var reportPath: String
    /// How it ended.
    public var result: Result

    /// The run, when the notebook ran.
    public var run: NotebookRun? {
        if case .rendered(let run, _) = result { run } else { nil }
    }
}

/// Parse → run → render → write atomically, for each notebook, several at once.
public struct RenderPipeline: Sendable {
    /// A message for the user: errors and warnings (`file:line: error: ...`) or information.
    public enum Message: Sendable {
        case error(String)
        case info(String)
    }

    /// The compiler and runtime.
    public var toolchain: NotebookToolchain
    /// How notebooks run.
    public var options: ExecutionOptions
    /// How reports look.
    public var reportOptions: ReportOptions
    /// Receives errors, warnings and per-report summaries (from several threads).
    public var log: @Sendable (Message) -> Void
    /// Gives a progress handler for a notebook (by its relative path), if any.
    public var progress: @Sendable (String) -> (@Sendable (ExecutionEvent) -> Void)?

    /// Creates a pipeline.
    public init(
        toolchain: NotebookToolchain, options: ExecutionOptions, reportOptions: ReportOptions = ReportOptions(),
        log: @escaping @Sendable (Message) -> Void = { _ in },
        progress: @escaping @Sendable (String) -> (@Sendable (ExecutionEvent) -> Void)? = { _ in nil }
    ) {
        self.toolchain = toolchain
        self.options = options
        self.reportOptions = reportOptions
        self.log = log
        self.progress = progress
    }

    /// Renders every input, `jobs` at a time, in `format`; outcomes are in input order. With
    /// `inPlace`, each output overwrites its notebook (Markdown with outputs).
    public func renderAll(
        _ inputs: [NotebookDiscovery.Input], outputFolder: String?, jobs: Int, format: OutputFormat = .html,
        inPlace: Bool = false
    ) -> [RenderOutcome] {
        let results = OutcomeTable(count: inputs.count)
        let slots = DispatchSemaphore(value: max(jobs, 1))
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            slots.wait()
            defer { slots.signal() }
            let input = inputs[index]
            let destination =
                inPlace
                ? input.path : destination(for: input, outputFolder: outputFolder, fileExtension: format.fileExtension)
            results.set(index, render(input, to: destination, outputFolder: outputFolder, format: format))
        }
        return results.values
    }

    /// Where the report of `input` goes: `outputFolder/relative/path.html`, or next to the notebook.
    public func reportPath(for input: NotebookDiscovery.Input, outputFolder: String?) -> String {
        destination(for: input, outputFolder: outputFolder, fileExtension: "html")
    }

    /// Renders one notebook.
    public func render(_ input: NotebookDiscovery.Input, outputFolder: String?) -> RenderOutcome {
        render(input, to: reportPath(for: input, outputFolder: outputFolder), outputFolder: outputFolder)
    }

    /// Renders one notebook into `destination` in `format`; `outputFolder` is the folder index
    /// links are relative to.
    public func render(
        _ input: NotebookDiscovery.Input, to destination: String, outputFolder: String?, format: OutputFormat = .html
    ) -> RenderOutcome {
        let executed: ExecutedNotebook
        do {
            executed = try execute(
                input.path, progress: progress(input.relativePath), onlyDeclaredParameters: input.root != nil)
        } catch {
            log(.error(error.description))
            return RenderOutcome(input: input, reportPath: destination, result: .failed(error))
        }
        let notebook = executed.notebook
        let run = executed.run
        let reportOptions = self.reportOptions(for: notebook)
        do {
            let job = OutputFormat.Job(
                notebook: notebook, run: run, destination: destination, reportOptions: reportOptions)
            let warnings = try format.write(job)
            for warning in warnings { log(.error(warning.description)) }
        } catch {
            let failure = PublishingError.cannotWrite(
                error as? any NotebookError ?? UnexpectedError(path: input.path, underlyingError: error))
            log(.error(failure.description))
            return RenderOutcome(input: input, reportPath: destination, result: .failed(failure))
        }
        logFinished(notebook: notebook, run: run, writtenTo: destination)
        let link = outputFolder.map { Self.relativeLink(from: $0, to: destination) } ?? destination
        let entry = ReportIndexEntry(notebook: notebook, run: run, reportPath: link)
        return RenderOutcome(input: input, reportPath: destination, result: .rendered(run, entry: entry))
    }

    /// Logs a finished run the same way for every command that writes one: each failure's
    /// `file:line: error:` line, then `path: ok (1.23 s)` or `path: N failed (…)`, where N counts
    /// failed cells and failed inline expressions.
    func logFinished(notebook: Notebook, run: NotebookRun, writtenTo path: String) {
        for line in Self.failureLines(notebook: notebook, run: run) { log(.error(line)) }
        log(.info("\(path): \(Self.statusSummary(of: run))"))
    }

    /// `ok (1.23 s)`, `2 failed (1.23 s)`, or `ok (cached; the original run took 1.23 s)`.
    static func statusSummary(of run: NotebookRun) -> String {
        let failures = RunFailures(run)
        let status = failures.isEmpty ? "ok" : "\(failures.total) failed"
        let seconds = String(format: "%.2f", run.totalSeconds)
        let time = run.fromCache ? "cached; the original run took \(seconds) s" : "\(seconds) s"
        return "\(status) (\(time))"
    }

    /// `file:line: error: kind: message` for every failed cell and inline expression, the form
    /// editors jump to.
    public static func failureLines(notebook: Notebook, run: NotebookRun) -> [String] {
        cellFailureLines(notebook: notebook, run: run)
            + run.failedInlineExpressions.map { _, failure in
                let location = failure.location?.description ?? notebook.path
                let firstLine = failure.message.split(separator: "\n").first.map(String.init) ?? failure.message
                return
                    "\(location): error: inline expression: \(failure.kind.rawValue): \(strippingLocation(firstLine))"
            }
    }

    /// Each failed cell's line, followed by the compiler's notes on its errors (as `check` prints
    /// them); then the compiler's warnings in every cell.
    private static func cellFailureLines(notebook: Notebook, run: NotebookRun) -> [String] {
        let failures = run.failedCells.flatMap { cell -> [String] in
            guard case .failed(let failure) = cell.status else { return [] }
            let fence = notebook.codeCells.first { $0.ordinal == cell.ordinal }?.fenceLine ?? 0
            let location = failure.location?.description ?? "\(notebook.path):\(fence)"
            let firstLine = failure.message.split(separator: "\n").first.map(String.init) ?? failure.message
            let notes = cell.diagnostics.filter { $0.severity == .error }.flatMap(\.notes).map(\.description)
            return ["\(location): error: \(failure.kind.rawValue): \(strippingLocation(firstLine))"] + notes
        }
        let warnings = run.cells.flatMap(\.diagnostics).filter { $0.severity == .warning }
        return failures + warnings.flatMap { [$0.description] + $0.notes.map(\.description) }
    }

    /// Compiler messages already start with `file:line:col: error: `; keep the message only.
    private static func strippingLocation(_ line: String) -> String {
        guard let range = line.range(of: ": error: ") else { return line }
        return String(line[range.upperBound...])
    }

    /// Writes `folder/index.html` listing every rendered report of `outcomes`.
    public func writeIndex(_ outcomes: [RenderOutcome], folder: String) throws(AtomicFile.WriteError) {
        let entries = outcomes.compactMap { outcome -> ReportIndexEntry? in
            guard case .rendered(_, var entry) = outcome.result else { return nil }
            entry.reportPath = Self.relativeLink(from: folder, to: outcome.reportPath)
            return entry
        }
        try AtomicFile.write(IndexPage(options: reportOptions).render(entries: entries), to: folder + "/index.html")
    }

    static func relativeLink(from folder: String, to file: String) -> String {
        let base = URL(fileURLWithPath: folder).standardizedFileURL.path
        let target = URL(fileURLWithPath: file).standardizedFileURL.path
        if target.hasPrefix(base + "/") { return String(target.dropFirst(base.count + 1)) }
        return target
    }
}

/// Outcomes written by concurrent jobs, read back in index order.
public final class OutcomeTable: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [RenderOutcome?]

    /// A table with `count` empty slots.
    public init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Stores the outcome of job `index`.
    public func set(_ index: Int, _ outcome: RenderOutcome) {
        lock.lock()
        slots[index] = outcome
        lock.unlock()
    }

    /// The stored outcomes, in index order (empty slots left out).
    public var values: [RenderOutcome] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
