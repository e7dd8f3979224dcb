import Foundation
import NotebookDocument
import NotebookExecution
import NotebookOutput
import NotebookReport
import Testing

/// A report that uses every feature: the screenshots are taken of it. Set `REPORT_SAMPLE_DIR` to
/// write it (and an index page) to that folder.
enum SampleReport {
    static let text = #"""
        ---
        title: "Seq2seq with attention: study notes"
        params:
          epochs: 20
          learningRate: 0.01
        ---
        # Seq2seq with attention

        <p align="center"><img src="figures/diagram.png" width="120" alt="encoder-decoder diagram"></p>

        The decoder state $s_t$ attends over encoder states $h_j$: the score is
        $e_{tj} = v^\top \tanh(W s_{t-1} + U h_j)$ and the weights are

        $$\alpha_{tj} = \frac{\exp(e_{tj})}{\sum_{k=1}^{T_x} \exp(e_{tk})}, \qquad c_t = \sum_j \alpha_{tj} h_j$$

        Scaled dot-product attention: $\operatorname{softmax}\left(\frac{QK^T}{\sqrt{d_k}}\right)V$.
        A price like $5 is not math, and `$x$` in code stays code.

        <details><summary>Why scale by <kbd>√d</kbd>?</summary>
        Dot products grow like <sub>d</sub>; see <a href="https://arxiv.org/abs/1706.03762">the paper</a>.
        </details>

        ![missing figure](figures/nope.png)

        ## Training

        ```swift
        //| label: setup
        import NotebookRuntime
        let tokens = ["<s>", "the", "cat", "sat", "</s>"]
        let greeting = "model \(tokens.count) tokens" // a comment
        let big = 1_000_000 + 0x1F
        @MainActor func step() async throws -> Double { 0.5 }
        print(greeting)
        ```

        ```swift
        for epoch in 1...epochs { train(epoch) }
        lossCurve
        ```

        ## Attention maps

        ```swift
        display(heatmap)
        ```

        ```swift
        let broken: Int = "text"
        ```

        ```swift error=true
        fatalError("expected")
        ```

        ```python
        import torch  # shown, not run
        ```

        ### Heads
        The end of the notes.
        """#

    static var notebook: Notebook { Fixtures.notebook(text, path: "notes/attention.md") }

    static var run: NotebookRun {
        let source = ["<s>", "the", "cat", "sat", "on", "the", "mat", "</s>"]
        let target = ["<s>", "le", "chat", "était", "assis", "</s>"]
        var weights: [[Double]] = []
        for row in 0..<target.count {
            var line = (0..<source.count).map { column in exp(-pow(Double(column) - Double(row) * 1.3, 2) / 1.5) }
            let sum = line.reduce(0, +)
            line = line.map { $0 / sum }
            weights.append(line)
        }
        let heatmap = Heatmap(
            values: weights, rowLabels: target, columnLabels: source, title: "Bahdanau attention",
            xLabel: "source", yLabel: "target", showsValues: true)
        let loss = (1...40).map { 2.5 * exp(-Double($0) / 10) + 0.05 }
        var validation = (1...40).map { 2.7 * exp(-Double($0) / 12) + 0.15 }
        validation[12] = .nan
        let chart = LineChart(
            series: [Series(name: "train loss", y: loss), Series(name: "validation loss", y: validation)],
            title: "Loss", xLabel: "epoch", yLabel: "cross-entropy", logY: true)
        let heads = (0..<4).map { head in
            RichOutput.heatmap(
                Heatmap(
                    values: (0..<12).map { r in (0..<12).map { c in c <= r ? exp(-Double(abs(r - c - head))) : 0 } },
                    title: "head \(head + 1)"))
        }
        let big = (0..<50).map { r in (0..<50).map { c in sin(Double(r * c) / 50) } }
        let longLabels = (0..<20).map { "token_number_\($0)" }
        let crash = CellFailure(
            kind: .compileError, message: "cannot convert value of type 'String' to specified type 'Int'",
            location: SourceLocation(file: "notes/attention.md", line: 57, column: 19))
        return Fixtures.run(
            for: notebook,
            outputs: [
                0: [.stdout("model 5 tokens\n"), .stderr("warning: <script>alert(1)</script> is just text\n")],
                1: [
                    .progress(Progress(label: "epoch", completed: 1, total: 20, metrics: ["loss": 2.4])),
                    .stdout(
                        (1...80).map { "epoch \($0): loss \(String(format: "%.4f", 2.5 * exp(-Double($0) / 30)))" }
                            .joined(separator: "\n")),
                    .progress(
                        Progress(
                            label: "epoch", completed: 20, total: 20, metrics: ["loss": 0.3127, "accuracy": 0.981])),
                    .result(.lineChart(chart)),
                ],
                2: [
                    .display(.heatmap(heatmap)),
                    .display(.panels(Panels(heads, title: "Causal self-attention, 4 heads"))),
                    .display(
                        .table(
                            Table(
                                columns: ["model", "BLEU", "params"],
                                rows: [
                                    ["RNN", "21.3", "12M"], ["Bahdanau", "26.8", "14M"],
                                    ["Transformer", "28.4", "65M"],
                                ], caption: "Results on the toy task"))),
                    .display(
                        .barChart(
                            BarChart(
                                labels: ["additive", "dot", "scaled dot", "multi-head"],
                                values: [0.81, 0.77, 0.86, 0.93], title: "Accuracy by attention variant",
                                yLabel: "accuracy"))),
                    .display(.heatmap(Heatmap(values: big, title: "50×50 positional similarity"))),
                    .display(
                        .lineChart(LineChart(series: [Series(name: "", x: [3], y: [1.5])], title: "a single point"))),
                    .display(
                        .barChart(
                            BarChart(
                                labels: longLabels, values: longLabels.indices.map { Double($0) - 5 },
                                title: "many long labels"))),
                ],
                3: [],
                4: [.stderr("Fatal error: expected\n")],
            ],
            statuses: [
                3: .failed(crash), 4: .expectedFailure(CellFailure(kind: .crash, message: "Fatal error: expected")),
            ],
            diagnostics: [
                3: [
                    Diagnostic(
                        severity: .error, message: "cannot convert value of type 'String' to specified type 'Int'",
                        location: SourceLocation(file: "notes/attention.md", line: 57, column: 19))
                ]
            ],
            parameters: [
                Parameter(name: "epochs", value: .int(20), line: 4),
                Parameter(name: "learningRate", value: .double(0.003), line: 5),
            ])
    }

    /// A 1×1 PNG.
    static let png = Data(
        base64Encoded:
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAFAQIAo5JwCQAAAABJRU5ErkJggg==")!
}

@Suite struct SampleReportTests {
    @Test func sampleRendersAndIsWrittenWhenAsked() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sample-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("figures"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try SampleReport.png.write(to: folder.appendingPathComponent("figures/diagram.png"))
        let options = ReportOptions(baseDirectory: folder.path, timeZone: TimeZone(identifier: "UTC")!)
        let report = ReportRenderer.render(notebook: SampleReport.notebook, run: SampleReport.run, options: options)
        #expect(report.warnings.count == 1)
        #expect(report.html.contains("data:image/png;base64,"))
        if let out = ProcessInfo.processInfo.environment["REPORT_SAMPLE_DIR"] {
            try report.html.write(toFile: out + "/sample.html", atomically: true, encoding: .utf8)
            let entries = [
                ReportIndexEntry(notebook: SampleReport.notebook, run: SampleReport.run, reportPath: "sample.html"),
                ReportIndexEntry(
                    title: "Transformer <from scratch>", reportPath: "transformer & co.html",
                    notebookPath: "notes/transformer.md", failures: RunFailures(cells: 0), runDate: Fixtures.date,
                    totalSeconds: 93.2, fromCache: true),
            ]
            try IndexPage(options: options).render(entries: entries).write(
                toFile: out + "/index.html", atomically: true, encoding: .utf8)
        }
    }
}
