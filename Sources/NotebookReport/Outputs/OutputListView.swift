import NotebookOutput

/// A cell's outputs, in the order the cell produced them: consecutive stdout (or stderr) pieces
/// merged into one block, display values, the `Out[n]` result, and each progress bar once, where
/// it first appeared, with its last value.
enum OutputListView {
    static func html(_ outputs: [CellOutput], executionCount: Int?, context: RenderContext) -> String {
        guard !outputs.isEmpty else { return "" }
        // The last report of each progress label.
        var lastProgress: [String: Progress] = [:]
        for case .progress(let progress) in outputs { lastProgress[progress.label] = progress }
        var shownProgress: Set<String> = []

        var html = "<div class=\"outputs\">"
        var index = 0
        while index < outputs.count {
            switch outputs[index] {
            case .stdout, .stderr:
                let isError: Bool
                if case .stderr = outputs[index] { isError = true } else { isError = false }
                var text = ""
                while index < outputs.count {
                    if case .stdout(let piece) = outputs[index], !isError {
                        text += piece
                    } else if case .stderr(let piece) = outputs[index], isError {
                        text += piece
                    } else {
                        break
                    }
                    index += 1
                }
                if text.hasSuffix("\n") { text.removeLast() }
                html += TextOutputView.html(
                    text, className: isError ? "stderr" : "stdout", label: isError ? "stderr" : "stdout",
                    context: context)
                continue
            case .display(let value):
                html += "<div class=\"output display\">" + RichOutputView.html(value, context: context) + "</div>"
            case .result(let value):
                let count = executionCount.map(String.init) ?? " "
                html += "<div class=\"output result\"><span class=\"prompt out\">Out[\(count)]:</span>"
                html += "<div class=\"result-value\">" + RichOutputView.html(value, context: context) + "</div></div>"
            case .progress(let progress):
                if shownProgress.insert(progress.label).inserted {
                    html += self.progress(lastProgress[progress.label] ?? progress)
                }
            }
            index += 1
        }
        return html + "</div>"
    }

    /// A progress line: label, bar, count and metrics (sorted by name).
    private static func progress(_ progress: Progress) -> String {
        var html = "<div class=\"output progress-output\"><span class=\"progress-label\">"
        html += HTMLEscaping.escape(progress.label) + "</span>"
        if let total = progress.total, total > 0 {
            let done = min(max(progress.completed, 0), total)
            html += "<progress value=\"\(done)\" max=\"\(total)\"></progress>"
            html += "<span class=\"progress-count\">\(Formatting.grouped(progress.completed))/\(Formatting.grouped(total))</span>"
        } else {
            html += "<span class=\"progress-count\">\(Formatting.grouped(progress.completed))</span>"
        }
        for (name, value) in progress.metrics.sorted(by: { $0.key < $1.key }) {
            html += "<span class=\"metric\"><span class=\"metric-name\">" + HTMLEscaping.escape(name)
            html += "</span> " + HTMLEscaping.escape(Formatting.metric(value)) + "</span>"
        }
        return html + "</div>"
    }
}
