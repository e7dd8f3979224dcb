import NotebookInterop
import NotebookKernel
import NotebookOutput

/// Turns what a running cell produces into iopub messages: `stream` for its text,
/// `display_data` / `execute_result` with the same MIME bundles as the ipynb export, and one
/// updating display per progress label.
final class ExecutionPublisher {
    private let executionCount: Int
    private let send: (String, [String: JSONValue]) -> Void
    private var richIndex = 0
    private var progressDisplays: Set<String> = []
    /// Everything the cell wrote on standard error (a trap's message is among it).
    private(set) var standardError = ""

    init(executionCount: Int, send: @escaping (String, [String: JSONValue]) -> Void) {
        self.executionCount = executionCount
        self.send = send
    }

    func publish(_ event: CellEvent) {
        switch event {
        case .standardOutput(let text):
            send("stream", ["name": .string("stdout"), "text": .string(text)])
        case .standardError(let text):
            standardError += text
            send("stream", ["name": .string("stderr"), "text": .string(text)])
        case .notice(let text):
            send("stream", ["name": .string("stderr"), "text": .string("note: \(text)\n")])
        case .output(.display(let value)):
            richIndex += 1
            send("display_data", ["data": bundle(value), "metadata": .object([:]), "transient": .object([:])])
        case .output(.result(let value)):
            richIndex += 1
            send(
                "execute_result",
                ["data": bundle(value), "metadata": .object([:]), "execution_count": .int(executionCount)])
        case .output(.progress(let progress)):
            let id = "progress-\(executionCount)-\(progress.label)"
            let data: JSONValue = .object(["text/plain": .string(JupyterOutputs.progressLine(progress))])
            let type = progressDisplays.insert(id).inserted ? "display_data" : "update_display_data"
            send(type, ["data": data, "metadata": .object([:]), "transient": .object(["display_id": .string(id)])])
        case .output:
            break
        }
    }

    /// The ipynb export's MIME bundle, with its line arrays joined (the wire carries strings).
    private func bundle(_ value: RichOutput) -> JSONValue {
        guard case .object(let data) = JupyterOutputs.mimeBundle(value, id: "out-\(executionCount)-\(richIndex)") else {
            return .object([:])
        }
        return .object(data.mapValues { $0.text.map(JSONValue.string) ?? $0 })
    }

    /// The `error` content of a failed cell: `ename`, `evalue` (the first line that says what
    /// happened, with its place), `traceback` (every diagnostic, or the trap's message).
    static func error(for report: CellReport, standardError: String) -> [String: JSONValue] {
        let name: String
        var lines: [String]
        switch report.status {
        case .compileFailed:
            name = "CompileError"
            lines = report.diagnostics.filter { $0.severity == .error }.flatMap {
                [$0.description] + $0.notes.map(\.description)
            }
        case .crashed:
            name = "Crash"
            let trap = standardError.split(separator: "\n").first {
                $0.contains("Fatal error") || $0.contains("error:")
            }
            lines = (trap.map { [String($0)] } ?? []) + [report.message]
        case .stackOverflow:
            name = "StackOverflow"
            lines = [report.message]
        case .interrupted:
            name = "Interrupted"
            lines = [report.message]
        case .timedOut:
            name = "Timeout"
            lines = [report.message]
        case .failed, .succeeded:
            name = "KernelError"
            lines = [report.message]
        }
        if lines.isEmpty { lines = [report.message] }
        return [
            "ename": .string(name), "evalue": .string(lines.first ?? ""),
            "traceback": .array(lines.map(JSONValue.string)),
        ]
    }
}
