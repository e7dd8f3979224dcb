import Foundation
import NotebookDocument
import NotebookExecution
import NotebookOutput
import NotebookReport

/// A cell's outputs as nbformat output objects, in the order the cell produced them.
///
/// - Consecutive stdout (or stderr) pieces merge into one `stream` output.
/// - `display(_:)` values are `display_data`, the last bare expression is `execute_result`; both
///   carry `text/plain`, plus `text/html` for tables and panels and `image/svg+xml` for charts
///   and heatmaps (the report's drawings, drawn standalone).
/// - Each progress label shows once, with its last value, as `display_data` text.
/// - A failure (expected or not) is an `error` output: `ename` names the kind (`CompileError`,
///   `Crash`, `Timeout`, …), `evalue` is the first line of the message, the traceback holds the
///   whole message, the place and the compiler's messages.
/// - Compiler warnings of a cell that did not fail go to a `stderr` stream.
public enum JupyterOutputs {
    /// The outputs of `run`; `cellID` makes the ids inside SVG drawings unique in the notebook;
    /// `caption` (the cell's `fig-cap`) follows the outputs as a Markdown display.
    public static func outputs(of run: CellRun, cellID: String, caption: String? = nil) -> [JSONValue] {
        var outputs: [JSONValue] = []
        var lastProgress: [String: NotebookOutput.Progress] = [:]
        for case .progress(let progress) in run.outputs { lastProgress[progress.label] = progress }
        var shownProgress: Set<String> = []
        var pendingStream: (name: String, text: String)?
        func flush() {
            if let stream = pendingStream, !stream.text.isEmpty {
                outputs.append(
                    .object([
                        "output_type": .string("stream"), "name": .string(stream.name), "text": .lines(stream.text),
                    ]))
            }
            pendingStream = nil
        }
        func append(_ name: String, _ text: String) {
            if pendingStream?.name != name { flush() }
            pendingStream = (name, (pendingStream?.text ?? "") + text)
        }
        var richIndex = 0
        for output in run.outputs {
            switch output {
            case .stdout(let text): append("stdout", text)
            case .stderr(let text): append("stderr", text)
            case .display(let value):
                flush()
                richIndex += 1
                outputs.append(
                    .object([
                        "output_type": .string("display_data"), "metadata": .object([:]),
                        "data": mimeBundle(value, id: "\(cellID)-\(richIndex)"),
                    ]))
            case .result(let value):
                flush()
                richIndex += 1
                outputs.append(
                    .object([
                        "output_type": .string("execute_result"), "metadata": .object([:]),
                        "execution_count": run.executionCount.map { .int($0) } ?? .null,
                        "data": mimeBundle(value, id: "\(cellID)-\(richIndex)"),
                    ]))
            case .progress(let progress):
                guard shownProgress.insert(progress.label).inserted else { continue }
                flush()
                let last = lastProgress[progress.label] ?? progress
                outputs.append(
                    .object([
                        "output_type": .string("display_data"), "metadata": .object([:]),
                        "data": .object(["text/plain": .lines(progressLine(last))]),
                    ]))
            }
        }
        flush()
        if let caption, !outputs.isEmpty {
            outputs.append(
                .object([
                    "output_type": .string("display_data"), "metadata": .object([:]),
                    "data": .object([
                        "text/markdown": .lines("*" + MarkdownText.escape(caption) + "*"),
                        "text/plain": .lines(caption),
                    ]),
                ]))
        }
        let failure: CellFailure?
        switch run.status {
        case .failed(let value), .expectedFailure(let value): failure = value
        default: failure = nil
        }
        if let failure {
            outputs.append(error(failure, diagnostics: run.diagnostics))
        } else if !run.diagnostics.isEmpty {
            let text = run.diagnostics.map(\.description).joined(separator: "\n") + "\n"
            outputs.append(
                .object(["output_type": .string("stream"), "name": .string("stderr"), "text": .lines(text)]))
        }
        return outputs
    }

    /// The MIME bundle of a rich value.
    public static func mimeBundle(_ value: RichOutput, id: String) -> JSONValue {
        var data: [String: JSONValue] = ["text/plain": .lines(OutputRendering.plainText(value))]
        switch value {
        case .text: break
        case .table, .panels: data["text/html"] = .lines(OutputRendering.standaloneHTML(value, id: id))
        case .heatmap, .lineChart, .barChart, .attention:
            if let svg = OutputRendering.standaloneSVG(value, id: id) { data["image/svg+xml"] = .lines(svg) }
        case .markdown(let markdown): data["text/markdown"] = .lines(markdown)
        case .html(let html): data["text/html"] = .lines(OutputRendering.sanitizedHTML(html))
        case .image(let image):
            switch image.format {
            case .svg: data["image/svg+xml"] = .lines(String(decoding: image.data, as: UTF8.self))
            case .png, .jpeg: data[image.format.rawValue] = .string(image.data.base64EncodedString())
            }
        }
        return .object(data)
    }

    /// The short name of a status, for metadata.
    static func statusName(_ status: CellStatus) -> String {
        switch status {
        case .succeeded: "succeeded"
        case .failed(let failure): failure.kind.rawValue
        case .expectedFailure(let failure): "expected \(failure.kind.rawValue)"
        case .notRun(let reason): "not run: \(reason)"
        case .skipped: "skipped"
        }
    }

    private static func error(_ failure: CellFailure, diagnostics: [Diagnostic]) -> JSONValue {
        let name = failure.kind.rawValue.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
        let firstLine = failure.message.split(separator: "\n").first.map(String.init) ?? failure.message
        var traceback = failure.message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let location = failure.location { traceback.append("at \(location)") }
        let shown = diagnostics.filter { !failure.message.contains($0.message) }
        traceback += shown.map(\.description)
        return .object([
            "output_type": .string("error"), "ename": .string(name), "evalue": .string(firstLine),
            "traceback": .array(traceback.map(JSONValue.string)),
        ])
    }

    /// `label 3/10  loss 0.31` (metrics sorted by name).
    public static func progressLine(_ progress: NotebookOutput.Progress) -> String {
        var line = progress.label + " \(progress.completed)" + (progress.total.map { "/\($0)" } ?? "")
        for (name, value) in progress.metrics.sorted(by: { $0.key < $1.key }) { line += "  \(name) \(value)" }
        return line
    }
}
