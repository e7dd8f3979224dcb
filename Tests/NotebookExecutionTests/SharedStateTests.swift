import NotebookDocument
import NotebookExecution
import NotebookOutput
import Testing

@Suite struct SharedStateTests {
    @Test func laterCellsSeeEarlierDeclarationsAndOutputsStayPerCell() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let (_, run) = try harness.run(
            """
            # Shared state

            ```swift
            struct Point { var x: Int }
            func double(_ value: Int) -> Int { value * 2 }
            var counter = 1
            print("first")
            ```

            Some prose.

            ```swift
            counter += 1
            print("second", double(counter), Point(x: 3).x)
            ```

            ```python
            print("not run")
            ```

            ```swift
            counter
            ```
            """)
        #expect(run.succeeded)
        #expect(run.cells.count == 4)
        #expect(run.cells[0].stdout == "first\n")
        #expect(run.cells[1].stdout == "second 4 3\n")
        #expect(run.cells[2].status == .skipped)
        #expect(run.cells[3].outputs == [.result(.text("2"))])
        #expect(run.cells.map(\.executionCount) == [1, 2, nil, 3])
    }

    @Test func voidLastExpressionShowsNothingAndAssignmentsAreNotResults() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let (_, run) = try harness.run(
            """
            ```swift
            var names = ["a"]
            names.append("b")
            ```

            ```swift
            names = names.map { $0.uppercased() }
            ```

            ```swift
            names
                .joined(separator: "+")
            ```
            """)
        #expect(run.succeeded)
        #expect(run.cells[0].outputs.isEmpty)
        #expect(run.cells[1].outputs.isEmpty)
        #expect(run.cells[2].outputs == [.result(.text("A+B"))])
    }

    @Test func displayRecordsKeepTheirOrderWithPrintedText() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let (_, run) = try harness.run(
            """
            ```swift
            print("before")
            display(Table(columns: ["k", "v"], rows: [["a", "1"]]))
            print("after")
            display(table: [["dot", 0.5]], columns: ["scoring", "accuracy"])
            FileHandle.standardError.write("to stderr\\n".data(using: .utf8)!)
            ```
            """)
        #expect(run.succeeded)
        #expect(
            run.cells[0].outputs == [
                .stdout("before\n"), .display(.table(Table(columns: ["k", "v"], rows: [["a", "1"]]))),
                .stdout("after\n"), .display(.table(Table(columns: ["scoring", "accuracy"], rows: [["dot", "0.5"]]))),
                .stderr("to stderr\n"),
            ])
    }

    @Test func parametersAreTypedConstantsAndOverridable() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        var options = ExecutionOptions()
        options.parameterOverrides = [("epochs", "7"), ("task", "dates")]
        let (_, run) = try harness.run(
            """
            ---
            title: Params
            params:
              epochs: 3
              rate: 0.5
              task: copy
              verbose: false
            ---

            ```swift
            let total: Int = epochs * 2
            print(total, rate * 2, task, verbose)
            ```
            """, options: options)
        #expect(run.succeeded)
        #expect(run.cells[0].stdout == "14 1.0 dates false\n")
        #expect(run.parameters.map(\.value) == [.int(7), .double(0.5), .string("dates"), .bool(false)])
    }

    @Test func unknownOrMistypedParameterIsAnError() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        var options = ExecutionOptions()
        options.parameterOverrides = [("epoch", "7")]
        let markdown = "---\nparams:\n  epochs: 3\n---\n\n```swift\nprint(epochs)\n```\n"
        #expect(throws: ParameterError.self) { try harness.run(markdown, options: options) }
        options.parameterOverrides = [("epochs", "many")]
        do {
            _ = try harness.run(markdown, options: options)
            Issue.record("expected an error")
        } catch let error as ParameterError {
            #expect(error.description.contains("notes.md:3: error: parameter 'epochs' is Int, and 'many' is not"))
        }
    }

    @Test func cellsRunInTheNotebooksFolder() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        try "42".write(toFile: harness.folder + "/data.txt", atomically: true, encoding: .utf8)
        let (_, run) = try harness.run(
            """
            ```swift
            print(try String(contentsOfFile: "data.txt", encoding: .utf8))
            ```
            """)
        #expect(run.cells[0].stdout == "42\n")
    }
}
