import Foundation
import NotebookDocument
import NotebookExecution
import NotebookKernel
import NotebookOutput

/// A cell engine on the real compiler, runtime and host, and what its cells printed.
final class EngineHarness {
    let engine: CellEngine
    private(set) var events: [CellEvent] = []

    /// An engine on `toolchain` (default: the one found as the CLI finds it), its configuration
    /// changed by `configure`.
    init(
        parameters: [Parameter] = [], snapshotMemoryBudget: Int = 2 << 30, toolchain: NotebookToolchain? = nil,
        usesDriver: Bool = false, configure: (inout CellEngine.Configuration) -> Void = { _ in }
    ) throws {
        var configuration = CellEngine.Configuration(
            toolchain: try toolchain ?? NotebookToolchain.locate(), parameters: parameters, file: "notes.md",
            snapshotMemoryBudget: snapshotMemoryBudget)
        configuration.usesDriver = usesDriver
        configure(&configuration)
        engine = try CellEngine(configuration: configuration)
    }

    deinit {
        engine.shutdown()
    }

    /// Runs one cell and returns its report and the text it printed on standard output.
    @discardableResult
    func run(_ code: String, line: Int = 1, timeout: Duration? = nil) -> (report: CellReport, stdout: String) {
        var cellEvents: [CellEvent] = []
        let report = engine.execute(code, line: line, timeout: timeout) { cellEvents.append($0) }
        events += cellEvents
        let stdout = cellEvents.compactMap { if case .standardOutput(let text) = $0 { text } else { nil } }.joined()
        return (report, stdout)
    }

    /// The outputs (display, result) among the events so far.
    var records: [OutputRecord] {
        events.compactMap { if case .output(let record) = $0 { record } else { nil } }
    }

    var standardError: String {
        events.compactMap { if case .standardError(let text) = $0 { text } else { nil } }.joined()
    }
}
