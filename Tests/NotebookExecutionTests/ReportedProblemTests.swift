import Foundation
import NotebookDocument
import NotebookExecution
import Testing

/// What users hit (issue 12.7): blame, expected compile errors, timeout hints.
@Suite struct ReportedProblemTests {
    @Test func redeclarationBlamesTheLaterCellEvenWhenTheEarlierOneUsesTheName() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let (_, run) = try harness.run(
            """
            ```swift
            var loss = 1.0
            print(loss)
            ```

            ```swift
            var loss = 0.5
            ```
            """)
        #expect(run.cells[0].status == .succeeded, "\(run.cells[0].status)")
        #expect(run.cells[0].stdout == "1.0\n")
        let failure = try #require(run.cells[1].failure)
        #expect(failure.kind == .compileError)
        #expect(failure.location?.line == 7)
        #expect(failure.message.contains("invalid redeclaration of 'loss'"))
        #expect(failure.message.contains("notes.md:2"), "names the first declaration's line")
    }

    @Test func errorTrueCoversACompileErrorAndTheCellsAfterItRun() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let (_, run) = try harness.run(
            """
            ```swift
            let words = ["a", "b"]
            ```

            ```swift
            //| error: true
            let count: Int = words   // a type error, shown on purpose
            ```

            ```swift
            //| error: true
            print((1 + 2)
            ```

            ```swift
            print(words.count)
            ```
            """)
        #expect(run.succeeded, "\(run.cells.map(\.status))")
        guard case .expectedFailure(let failure) = run.cells[1].status else {
            Issue.record("expected an expected failure, got \(run.cells[1].status)")
            return
        }
        #expect(failure.kind == .compileError)
        #expect(failure.location?.line == 7)
        guard case .expectedFailure(let brackets) = run.cells[2].status else {
            Issue.record("expected an expected failure, got \(run.cells[2].status)")
            return
        }
        #expect(brackets.kind == .compileError)
        #expect(run.cells[3].stdout == "2\n")
    }

    @Test func cellTimeoutHintNamesTheSettingThatApplies() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        var options = ExecutionOptions()
        options.cellTimeout = 1
        let (_, fromFlag) = try harness.run("```swift\nwhile true {}\n```\n", options: options)
        let flagMessage = try #require(fromFlag.cells[0].failure?.message)
        #expect(flagMessage.contains("--cell-timeout"), "\(flagMessage)")
        #expect(!flagMessage.contains("--timeout "))

        let (_, fromOption) = try harness.run("```swift\n//| timeout: 1\nwhile true {}\n```\n", name: "own.md")
        let optionMessage = try #require(fromOption.cells[0].failure?.message)
        #expect(optionMessage.contains("raise the cell's '//| timeout:' option"), "\(optionMessage)")

        var notebookOptions = ExecutionOptions()
        notebookOptions.timeout = 1
        let (_, notebookWide) = try harness.run(
            "```swift\nwhile true {}\n```\n", name: "whole.md", options: notebookOptions)
        let wideMessage = try #require(notebookWide.cells[0].failure?.message)
        #expect(wideMessage.contains("--timeout"), "\(wideMessage)")
        #expect(!wideMessage.contains("--cell-timeout"))
    }
}
