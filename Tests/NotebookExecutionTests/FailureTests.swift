import NotebookDocument
import NotebookExecution
import NotebookOutput
import Testing

@Suite struct FailureTests {
    @Test func compileErrorIsOnItsCellAndEarlierCellsStillRun() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let (_, run) = try harness.run(
            """
            ```swift
            print("one")
            ```

            ```swift
            let y = undefinedName + 1
            ```

            ```swift
            print("three")
            ```
            """)
        #expect(!run.succeeded)
        #expect(run.cells[0].status == .succeeded)
        #expect(run.cells[0].stdout == "one\n")
        let failure = try #require(run.cells[1].failure)
        #expect(failure.kind == .compileError)
        #expect(failure.message.contains("cannot find 'undefinedName' in scope"))
        #expect(failure.location?.line == 6)
        #expect(run.cells[1].diagnostics.contains { $0.severity == .error && $0.location?.line == 6 })
        guard case .notRun(let reason) = run.cells[2].status else {
            Issue.record("expected not run, got \(run.cells[2].status)")
            return
        }
        #expect(reason.contains("line 5"))
    }

    @Test func redeclarationNamesTheFirstDeclarationsLine() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let (_, run) = try harness.run(
            """
            ```swift
            let loss = 1.0
            ```

            ```swift
            let loss = 2.0
            ```
            """)
        let failure = try #require(run.cells[1].failure)
        #expect(failure.kind == .compileError)
        #expect(failure.message.contains("invalid redeclaration of 'loss'"))
        #expect(failure.message.contains("notes.md:2"))
        #expect(run.cells[1].diagnostics.first?.message.contains("first declared at line 2") == true)
        #expect(run.cells[0].status == .succeeded)
    }

    @Test func unclosedBraceFailsOnlyItsCell() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let (_, run) = try harness.run(
            """
            ```swift
            print("ok")
            ```

            ```swift
            for i in 0..<3 {
                print(i)
            ```

            ```swift
            print("later")
            ```
            """)
        #expect(run.cells[0].stdout == "ok\n")
        let failure = try #require(run.cells[1].failure)
        #expect(failure.kind == .compileError)
        #expect(failure.message.contains("'{' is never closed"))
        #expect(failure.location?.line == 6)
    }

    @Test(arguments: [
        ("let values = [1, 2, 3]\nprint(\"partial\")\nlet v = values[7]", "Index out of range", 8),
        ("print(\"partial\")\nfatalError(\"boom\")", "Fatal error: boom", 7),
        ("print(\"partial\")\nlet none: Int? = nil\nlet v = none!", "nil", 8),
        ("print(\"partial\")\nvar big = Int.max\nbig += 1", "overflow", 8),
    ])
    func crashKeepsEarlierAndPartialOutputAndStopsLaterCells(code: String, message: String, line: Int) throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let (_, run) = try harness.run(
            """
            ```swift
            print("before")
            ```

            ```swift
            \(code)
            ```

            ```swift
            print("after")
            ```
            """)
        #expect(run.cells[0].stdout == "before\n")
        #expect(run.cells[1].stdout == "partial\n")
        let failure = try #require(run.cells[1].failure)
        #expect(failure.kind == .crash)
        #expect(failure.message.contains(message))
        #expect(failure.location?.line == line)
        if case .notRun = run.cells[2].status {} else { Issue.record("later cell ran: \(run.cells[2].status)") }
        #expect(run.cells[1].stderr.contains("Backtracing") == false)
    }

    @Test func uncaughtThrowIsReportedAsSuch() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let (_, run) = try harness.run(
            """
            ```swift
            struct Broken: Error {}
            func fails() throws { throw Broken() }
            try fails()
            ```
            """)
        let failure = try #require(run.cells[0].failure)
        #expect(failure.kind == .uncaughtError)
        #expect(failure.message.contains("Broken"))
    }

    @Test func expectedFailuresDoNotStopTheNotebook() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let (_, run) = try harness.run(
            """
            ```swift
            var log = ["start"]
            struct Broken: Error {}
            ```

            ```swift
            //| error: true
            print("throws next")
            throw Broken()
            ```

            ```swift
            //| error: true
            print("traps next")
            let values: [Int] = []
            _ = values[1]
            ```

            ```swift
            log.append("end")
            print(log)
            ```
            """)
        #expect(run.succeeded)
        guard case .expectedFailure(let thrown) = run.cells[1].status else {
            Issue.record("cell 1: \(run.cells[1].status)")
            return
        }
        #expect(thrown.message.contains("Broken"))
        #expect(run.cells[1].stdout == "throws next\n")
        guard case .expectedFailure(let trapped) = run.cells[2].status else {
            Issue.record("cell 2: \(run.cells[2].status)")
            return
        }
        #expect(trapped.message.contains("Index out of range"))
        #expect(run.cells[2].stdout == "traps next\n")
        #expect(run.cells[3].stdout == "[\"start\", \"end\"]\n")
    }

    @Test func cellTimeoutStopsTheCellAndKeepsEarlierOutput() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let (_, run) = try harness.run(
            """
            ```swift
            print("quick")
            ```

            ```swift
            //| timeout: 1
            print("spinning")
            while true {}
            ```

            ```swift
            print("never")
            ```
            """)
        #expect(run.cells[0].stdout == "quick\n")
        #expect(run.cells[1].stdout == "spinning\n")
        let failure = try #require(run.cells[1].failure)
        #expect(failure.kind == .timeout)
        #expect(failure.message.contains("1 s"))
        if case .notRun = run.cells[2].status {} else { Issue.record("later cell ran") }
    }

    @Test func notebookTimeoutFromOptions() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        var options = ExecutionOptions()
        options.timeout = 1
        let (_, run) = try harness.run("```swift\nwhile true {}\n```\n", options: options)
        #expect(run.cells[0].failure?.kind == .timeout)
    }
}
