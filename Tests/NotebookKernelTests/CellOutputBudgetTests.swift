import Foundation
import NotebookKernel
import NotebookOutput
import Testing

/// The cell engine holds a cell's output to the batch runner's budgets (the kernel, `serve` and
/// Jupyter clients stay small), refuses values the report cannot draw with a clear error, and
/// never splits a character across two reads of the host's pipes.
@Suite("Cell engine: output budgets")
struct CellOutputBudgetTests {
    @Test func aFloodIsCutToTheCellBudgetAndTheTrapAtTheEndStillShows() throws {
        let harness = try EngineHarness()
        let line = String(repeating: "x", count: 1023)
        let crash = harness.run(
            """
            for _ in 0..<6144 { print("\(line)") }
            print("last line")
            let empty = [Int]()
            print(empty[1])
            """)
        #expect(crash.report.status != .succeeded)
        // 4 MiB passed on, the last 16 KiB, a notice with the true size of the rest.
        #expect(crash.stdout.utf8.count < (4 << 20) + (20 << 10), "\(crash.stdout.utf8.count) bytes")
        #expect(crash.stdout.hasPrefix(line + "\n"))
        #expect(crash.stdout.hasSuffix("last line\n"))
        let omitted = 6144 * 1024 + "last line\n".utf8.count - (4 << 20) - (16 << 10)
        #expect(crash.stdout.contains("… [\(omitted) bytes of standard output omitted: a cell shows 4 MB"))
        #expect(harness.standardError.contains("Fatal error"), "the trap's message survives the flood")
    }

    @Test func raggedValuesAreClearErrorsNotOutputs() throws {
        let harness = try EngineHarness()
        harness.run(
            """
            display(Heatmap(values: [[1, 2], [3]]))
            display(Table(columns: ["a"], rows: [["1", "2"]]))
            display(Heatmap(values: [[1, 2], [3, 4]]))
            """)
        #expect(harness.records == [.display(.heatmap(Heatmap(values: [[1, 2], [3, 4]])))])
        #expect(
            harness.standardError.contains(
                "display error: the heatmap's rows differ in length: row 1 has 2 values, row 2 has 1"))
        #expect(harness.standardError.contains("display error: the table has 1 columns, but row 1 has 2 values"))
    }

    @Test func tooManyOrTooLargeValuesAreCountedOrRefused() throws {
        let harness = try EngineHarness()
        harness.run(
            """
            display(Heatmap(values: [[Double](repeating: 1, count: 600_000)]))
            for index in 0..<1003 { display("value \\(index)") }
            """)
        #expect(harness.records.count == 1000)
        #expect(harness.standardError.contains("… [a displayed value of 4.6 MB omitted: one may take 4.0 MB"))
        #expect(harness.standardError.contains("… [3 more outputs omitted: a cell keeps at most 1000] …"))
    }

    @Test func charactersSplitAcrossReadsArriveWhole() throws {
        let harness = try EngineHarness()
        // An odd offset and 2-, 3- and 4-byte characters: the pipe's reads end inside some.
        let text = "x" + String(repeating: "é→𝑥", count: 40_000)
        let run = harness.run("print(\"x\" + String(repeating: \"é→𝑥\", count: 40_000))")
        #expect(run.stdout == text + "\n")
        #expect(!run.stdout.contains("\u{FFFD}"))
    }
}
