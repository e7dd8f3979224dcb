import NotebookDocument
import NotebookExecution
import Testing

/// The runtime's hooks (`CellRecorder`'s `_cellStarted` and friends) are SPI: only the generated
/// program's hooks file imports it, so a cell calling one as public API does not compile.
@Suite struct RunnerHooksTests {
    @Test(arguments: [
        "CellRecorder.shared._cellStarted(0)",
        "CellRecorder.shared._cellFinished(0)",
        "CellRecorder.shared._cellFailed(0, error: CancellationError())",
        "_ = CellRecorder.shared._shouldRun(0)",
        "CellRecorder.shared._showResult(1)",
    ])
    func aCellCallingAHookDoesNotCompile(call: String) throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let (_, run) = try harness.run(
            """
            ```swift
            print("before")
            ```

            ```swift
            \(call)
            ```
            """)
        #expect(!run.succeeded)
        let failure = try #require(run.cells[1].failure)
        #expect(failure.kind == .compileError)
        #expect(failure.message.contains("@_spi"), "\(failure.message)")
        #expect(failure.location?.line == 6)
        #expect(run.cells[0].status == .succeeded)
    }

    @Test func theCellsFileDoesNotImportTheSPI() throws {
        let notebook = try NotebookParser.parse(text: "```swift\nlet x = 1\nx\n```\n", path: "n.md")
        let plan = ProgramPlanner.plan(notebook, parameters: [])
        #expect(!plan.source.contains("@_spi"))
        #expect(plan.source.contains("import NotebookRuntime"))
    }
}
