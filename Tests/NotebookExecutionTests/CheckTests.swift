import NotebookDocument
import NotebookExecution
import Testing

@Suite struct CheckTests {
    @Test func checkReportsCompileErrorsWithoutRunning() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let path = harness.folder + "/notes.md"
        try "```swift\nprint(\"side effect\")\nlet x: Int = \"text\"\n```\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let notebook = try NotebookParser.parse(fileAt: path)
        let diagnostics = try NotebookExecutor(toolchain: try ExecutionHarness.toolchain.get()).check(notebook)
        let error = try #require(diagnostics.first { $0.severity == .error })
        #expect(error.location?.line == 3)
        #expect(error.location?.file == path)
    }

    @Test func checkPassesACleanNotebook() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let path = harness.folder + "/notes.md"
        try "```swift\nlet values = [1, 2]\nvalues.count\n```\n".write(toFile: path, atomically: true, encoding: .utf8)
        let notebook = try NotebookParser.parse(fileAt: path)
        let diagnostics = try NotebookExecutor(toolchain: try ExecutionHarness.toolchain.get()).check(notebook)
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty)
    }
}

@Suite struct BracketCheckTests {
    @Test(arguments: [
        "print(\"{ not a brace\")", "// { comment\nprint(1)", "/* { /* nested */ */\nprint(1)",
        "let s = \"\"\"\n  {\n  \"\"\"\nprint(s)", "let r = #\"\\(\"#\nprint(r)", "print(\"\\(\"{\")\")",
    ])
    func bracesInsideStringsAndCommentsAreFine(code: String) throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let (_, run) = try harness.run("```swift\n\(code)\n```\n")
        #expect(run.succeeded, "\(code): \(run.cells[0].status)")
    }
}
