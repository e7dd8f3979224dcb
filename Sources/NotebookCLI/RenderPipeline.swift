import Foundation
import NotebookDocument
import NotebookExecution
import NotebookReport

/// What rendering one notebook came to.
struct RenderOutcome: Sendable {
    enum Result: Sendable {
        /// The notebook ran (perhaps with failing cells) and its report was written.
        case rendered(NotebookRun, title: String)
        /// The notebook could not be read or is invalid.
        case invalid(String)
        /// A `-p` parameter does not fit the notebook.
        case badParameter(String)
        /// The report could not be written.
        case unwritable(String)
    }

    var input: NotebookDiscovery.Input
    var reportPath: String
    var result: Result
}

/// Parse → run → render → write, for each notebook, several at once.
struct RenderPipeline: Sendable {
    let toolchain: NotebookToolchain
    let options: ExecutionOptions
    let console: Console

    func renderAll(_ inputs: [NotebookDiscovery.Input], outputFolder: String?, jobs: Int) -> [RenderOutcome] {
        let results = OutcomeTable(count: inputs.count)
        let slots = DispatchSemaphore(value: jobs)
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            slots.wait()
            defer { slots.signal() }
            results.set(index, render(inputs[index], outputFolder: outputFolder))
        }
        return results.values
    }

    func reportPath(for input: NotebookDiscovery.Input, outputFolder: String?) -> String {
        let relative = input.relativePath
        let base = relative.lowercased().hasSuffix(".md") ? String(relative.dropLast(3)) : relative
        if let outputFolder { return outputFolder + "/" + base + ".html" }
        let path = input.path
        return (path.lowercased().hasSuffix(".md") ? String(path.dropLast(3)) : path) + ".html"
    }

    func render(_ input: NotebookDiscovery.Input, outputFolder: String?) -> RenderOutcome {
        let destination = reportPath(for: input, outputFolder: outputFolder)
        var outcome = RenderOutcome(input: input, reportPath: destination, result: .invalid(""))
        let notebook: Notebook
        do {
            notebook = try NotebookParser.parse(fileAt: input.path)
        } catch {
            console.error(error.description)
            outcome.result = .invalid(error.description)
            return outcome
        }
        var options = self.options
        options.onEvent = console.progressHandler(for: input.relativePath)
        let run: NotebookRun
        do {
            run = try NotebookExecutor(toolchain: toolchain).run(notebook, options: options)
        } catch let error as ParameterError {
            console.error(error.description)
            outcome.result = .badParameter(error.description)
            return outcome
        } catch {
            console.error("\(input.path): error: \(error)")
            outcome.result = .unwritable("\(error)")
            return outcome
        }
        let report = ReportRenderer.render(
            notebook: notebook, run: run,
            options: ReportOptions(generator: "notebook \(NotebookVersion.current)"))
        for warning in report.warnings { console.error(warning.description) }
        for cell in run.failedCells {
            if case .failed(let failure) = cell.status {
                let location = failure.location?.description
                    ?? "\(notebook.path):\(notebook.codeCells.first { $0.ordinal == cell.ordinal }?.fenceLine ?? 0)"
                let firstLine = failure.message.split(separator: "\n").first.map(String.init) ?? failure.message
                console.error("\(location): error: \(failure.kind.rawValue): \(Self.strippingLocation(firstLine))")
            }
        }
        do {
            try AtomicFile.write(report.html, to: destination)
        } catch {
            console.error(error.description)
            outcome.result = .unwritable(error.description)
            return outcome
        }
        let status = run.succeeded ? "ok" : "\(run.failedCells.count) failed"
        let cached = run.fromCache ? ", cached" : ""
        console.info("\(destination): \(status) (\(String(format: "%.2f", run.totalSeconds)) s\(cached))")
        outcome.result = .rendered(run, title: notebook.title)
        return outcome
    }

    /// Compiler messages already start with `file:line:col: error: `; keep the message only.
    private static func strippingLocation(_ line: String) -> String {
        guard let range = line.range(of: ": error: ") else { return line }
        return String(line[range.upperBound...])
    }

    func writeIndex(_ outcomes: [RenderOutcome], folder: String) throws {
        let entries = outcomes.compactMap { outcome -> ReportIndexEntry? in
            guard case .rendered(let run, let title) = outcome.result else { return nil }
            let link = Self.relativeLink(from: folder, to: outcome.reportPath)
            return ReportIndexEntry(title: title, link: link, run: run)
        }
        try AtomicFile.write(IndexPage.render(entries: entries), to: folder + "/index.html")
    }

    static func relativeLink(from folder: String, to file: String) -> String {
        let base = URL(fileURLWithPath: folder).standardizedFileURL.path
        let target = URL(fileURLWithPath: file).standardizedFileURL.path
        if target.hasPrefix(base + "/") { return String(target.dropFirst(base.count + 1)) }
        return target
    }
}

/// Results written by concurrent jobs.
final class OutcomeTable: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [RenderOutcome?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ outcome: RenderOutcome) {
        lock.lock()
        slots[index] = outcome
        lock.unlock()
    }

    var values: [RenderOutcome] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}

/// The version shown in reports.
enum NotebookVersion {
    static let current = "0.1.0"
}
