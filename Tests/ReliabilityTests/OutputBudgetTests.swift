import Foundation
import NotebookTestSupport
import Testing

/// Rich values are checked and every kind of output is capped per cell and per notebook, through
/// the built binary: a ragged table or heatmap is an error message, and a cell that alternates
/// prints and displays cannot grow the report past the budgets.
@Suite(.serialized) struct OutputBudgetTests {
    @Test func raggedValuesBecomeClearErrors() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try NotebookBinary.write(
            """
            # Ragged

            ```swift
            display(Table(columns: ["a", "b"], rows: [["1", "2"], ["1", "2", "3"]]))
            display(Heatmap(values: [[1, 2], [Double](repeating: 1, count: 5_000_000)]))
            display(LineChart(series: [Series(name: "s", x: [1, 2, 3], y: [1])]))
            display(BarChart(labels: ["a"], values: [1, 2]))
            display(AttentionView(sourceTokens: ["a", "b"], maps: [AttentionMap(name: "m", targetTokens: ["x"], weights: [[0.5, .nan]])]))
            print("after")
            ```
            """, to: folder + "/n.md")
        let result = try NotebookBinary.run(["render", "n.md", "--no-cache"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let html = try String(contentsOfFile: folder + "/n.html", encoding: .utf8)
        #expect(html.contains("the table has 2 columns, but row 2 has 3 values"))
        #expect(
            html.contains("the heatmap&#39;s rows differ in length")
                || html.contains("the heatmap's rows differ in length"))
        #expect(html.contains("has 3 x values and 1 y values"))
        #expect(html.contains("the bar chart has 1 labels and 2 values"))
        #expect(html.contains("has a weight that is not a finite number (nan) in row 1, column 2"))
        #expect(html.contains("after"))
        #expect(html.utf8.count < 2 << 20, "\(html.utf8.count) bytes")
    }

    @Test func alternatingPrintsAndDisplaysStayWithinTheBudgets() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try NotebookBinary.write(
            """
            # Alternating

            ```swift
            let megabyte = String(repeating: "y", count: 1 << 20)
            let table = Table(columns: ["c"], rows: (0..<3000).map { _ in [String(repeating: "z", count: 1000)] })
            for _ in 0..<40 {
                print(megabyte)
                display(table)
            }
            ```
            """, to: folder + "/n.md")
        let result = try NotebookBinary.run(["render", "n.md", "--no-cache"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let html = try String(contentsOfFile: folder + "/n.html", encoding: .utf8)
        #expect(html.contains("bytes of output omitted"))
        #expect(html.contains("a displayed value of"))
        // 40 MB of text and 120 MB of tables: a cell keeps 4 MB of text and 16 MB of displays.
        #expect(html.utf8.count < 30 << 20, "\(html.utf8.count) bytes")
    }
}
