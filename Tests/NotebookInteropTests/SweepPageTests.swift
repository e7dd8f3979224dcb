import Foundation
import NotebookDocument
import NotebookExecution
import NotebookOutput
import NotebookReport
import Testing

@Suite struct SweepPageTests {
    private static let source = """
        # Compare

        ```swift
        print(variant)
        display(LineChart(series: [Series(name: "loss", y: [1, 2])], title: "Loss", xLabel: "step"))
        display(Table(columns: ["k"], rows: [["v"]]))
        ```

        ```swift
        print("same everywhere")
        ```
        """

    private func variant(_ value: String, loss: [Double], xLabel: String = "step") throws -> SweepVariant {
        let notebook = try NotebookParser.parse(text: Self.source, path: "compare.md")
        let cells = notebook.codeCells
        let run = NotebookRun(
            notebookPath: "compare.md", startedAt: Date(), totalSeconds: 1, compileSeconds: 0.5,
            cells: [
                CellRun(
                    ordinal: cells[0].ordinal, executionCount: 1, status: .succeeded,
                    outputs: [
                        .stdout("printed-\(value)\n"),
                        .display(
                            .lineChart(
                                LineChart(series: [Series(name: "loss", y: loss)], title: "Loss", xLabel: xLabel))),
                        .display(.table(Table(columns: ["k"], rows: [["table-\(value)"]]))),
                    ]),
                CellRun(
                    ordinal: cells[1].ordinal, executionCount: 2, status: .succeeded,
                    outputs: [.stdout("same everywhere\n")]),
            ], parameters: [])
        return SweepVariant(value: value, run: run, reportLink: "compare.variant-\(value).html")
    }

    @Test func chartsWithTheSameTitleAndAxesAreOverlaid() throws {
        let notebook = try NotebookParser.parse(text: Self.source, path: "compare.md")
        let page = SweepPage().render(
            notebook: notebook, parameter: "variant",
            variants: [try variant("dot", loss: [3, 2]), try variant("general", loss: [4, 1])])
        let html = page.html
        #expect(html.components(separatedBy: "<svg").count == 2, "one merged chart")
        #expect(html.contains("dot: loss"))
        #expect(html.contains("general: loss"))
        #expect(html.contains("printed-dot") && html.contains("printed-general"))
        #expect(html.contains("table-dot") && html.contains("table-general"))
        #expect(html.contains("href=\"./compare.variant-dot.html\""))
        #expect(html.contains("same for every value"))
        #expect(html.components(separatedBy: "same everywhere").count == 3, "shown once (plus the code)")
    }

    @Test func chartsWithDifferentAxesStaySideBySide() throws {
        let notebook = try NotebookParser.parse(text: Self.source, path: "compare.md")
        let html = SweepPage().render(
            notebook: notebook, parameter: "variant",
            variants: [try variant("a", loss: [1, 2]), try variant("b", loss: [2, 1], xLabel: "epoch")]
        ).html
        #expect(html.components(separatedBy: "<svg").count == 3)
        #expect(!html.contains("a: loss"))
    }

    @Test func aVariantThatDidNotRunSaysWhy() throws {
        let notebook = try NotebookParser.parse(text: Self.source, path: "compare.md")
        let broken = SweepVariant(
            value: "x<y", run: nil, reportLink: nil, problem: "parameter 'n' is Int, and 'x<y' is not")
        let html = SweepPage().render(
            notebook: notebook, parameter: "n", variants: [try variant("1", loss: [1]), broken]
        ).html
        #expect(html.contains("x&lt;y"))
        #expect(html.contains("parameter &#39;n&#39; is Int"))
        #expect(!html.contains("x<y"))
    }
}
