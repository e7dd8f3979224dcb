import NotebookOutput

/// A cell's outputs, in the order the cell produced them: consecutive stdout (or stderr) pieces
/// merged into one block, display values, the `Out[n]` result, and each progress bar once, where
/// it first appeared, with its last value.
enum OutputListView {
    /// The outputs of a cell. `figure` (the cell's `fig-cap`, `fig-alt`) makes them one figure
    /// with a caption; `line` is the cell's line in the notes.
    static func node(
        _ outputs: [CellOutput], executionCount: Int?, figure: CellFigure? = nil, line: Int = 0,
        context: RenderContext
    ) -> HTMLNode {
        guard !outputs.isEmpty else { return .empty }
        let alt = figure?.alt
        // The last report of each progress label.
        var lastProgress: [String: Progress] = [:]
        for case .progress(let progress) in outputs { lastProgress[progress.label] = progress }
        var shownProgress: Set<String> = []

        var nodes: [HTMLNode] = []
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
                nodes.append(
                    TextOutputView.node(
                        text, className: isError ? "stderr" : "stdout", label: isError ? "stderr" : "stdout",
                        context: context))
                continue
            case .display(let value):
                nodes.append(
                    .element(
                        "div", class: "output display",
                        [
                            RichOutputView.node(value, context: context, line: line, alt: alt)
                        ]))
            case .result(let value):
                let count = executionCount.map(String.init) ?? " "
                nodes.append(
                    .element(
                        "div", class: "output result",
                        [
                            .element("span", class: "prompt out", [.text("Out[\(count)]:")]),
                            .element(
                                "div", class: "result-value",
                                [RichOutputView.node(value, context: context, line: line, alt: alt)]),
                        ]))
            case .progress(let progress):
                if shownProgress.insert(progress.label).inserted {
                    nodes.append(self.progress(lastProgress[progress.label] ?? progress))
                }
            }
            index += 1
        }
        guard let caption = figure?.caption else { return .element("div", class: "outputs", nodes) }
        return .element(
            "figure", class: "outputs cell-figure",
            [
                .fragment(nodes), .element("figcaption", [.text(caption)]),
            ])
    }

    /// A progress line: label, bar, count and metrics (sorted by name).
    private static func progress(_ progress: Progress) -> HTMLNode {
        var nodes: [HTMLNode] = [.element("span", class: "progress-label", [.text(progress.label)])]
        if let total = progress.total, total > 0 {
            let done = min(max(progress.completed, 0), total)
            nodes.append(.element("progress", [.init("value", String(done)), .init("max", String(total))]))
            nodes.append(
                .element(
                    "span", class: "progress-count",
                    [
                        .text("\(Formatting.grouped(progress.completed))/\(Formatting.grouped(total))")
                    ]))
        } else {
            nodes.append(.element("span", class: "progress-count", [.text(Formatting.grouped(progress.completed))]))
        }
        for (name, value) in progress.metrics.sorted(by: { $0.key < $1.key }) {
            nodes.append(
                .element(
                    "span", class: "metric",
                    [
                        .element("span", class: "metric-name", [.text(name)]), .text(" " + Formatting.metric(value)),
                    ]))
        }
        return .element("div", class: "output progress-output", nodes)
    }
}
