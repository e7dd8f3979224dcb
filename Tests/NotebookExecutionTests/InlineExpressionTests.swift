import Foundation
import NotebookDocument
import NotebookExecution
import Testing

/// Inline expressions (`` `{swift} expr` ``) in prose: evaluated after the cell above, errors at
/// the prose line, the cells unaffected.
@Suite struct InlineExpressionTests {
    @Test func valuesAreEvaluatedAfterTheCellAbove() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let (notebook, run) = try harness.run(
            """
            ---
            params:
              n: 3
            ---
            Before any cell there are `{swift} n` items.

            ```swift
            var accuracy = 0.5
            ```

            Accuracy reaches `{swift} accuracy * 100`% and `{swift} "a<b>"`.

            ```swift
            accuracy = 0.75
            let missing: Int? = nil
            ```

            Now `{swift} accuracy`, `{swift} missing`, `{swift} [1, 2]`.
            """)
        #expect(run.succeeded, "\(run.inlineResults)")
        #expect(
            notebook.inlineExpressions.map(\.code) == [
                "n", "accuracy * 100", "\"a<b>\"", "accuracy", "missing", "[1, 2]",
            ])
        #expect(
            run.inlineValueTexts == [0: "3", 1: "50.0", 2: "a<b>", 3: "0.75", 4: "nil", 5: "[1, 2]"])
    }

    @Test func compileErrorPointsAtTheProseLineAndTheCellsStillRun() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let (_, run) = try harness.run(
            """
            # Notes

            ```swift
            let total = 4
            print("ran")
            ```

            The total is `{swift} total` and `{swift} totl + 1`.
            """)
        #expect(!run.succeeded)
        #expect(run.failedCells.isEmpty)
        #expect(run.cells[0].outputs == [.stdout("ran\n")])
        #expect(run.inlineResults[0] == .value("4"))
        guard case .failed(let failure)? = run.inlineResults[1] else {
            Issue.record("expected a failure, got \(String(describing: run.inlineResults[1]))")
            return
        }
        #expect(failure.kind == .compileError)
        #expect(failure.location?.line == 8)
        #expect(failure.location?.column == 43)
        #expect(failure.message.contains("cannot find 'totl' in scope"))
    }

    @Test func thrownErrorAndUnbalancedBracketsFailOnTheirOwn() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let (_, run) = try harness.run(
            """
            ```swift
            struct Oops: Error {}
            func risky() throws -> Int { throw Oops() }
            ```

            Risky: `{swift} try risky()`; broken: `{swift} (1 + 2`; fine: `{swift} 1 + 1`.
            """)
        #expect(run.failedCells.isEmpty)
        #expect(run.inlineResults[2] == .value("2"))
        guard case .failed(let thrown)? = run.inlineResults[0], case .failed(let brackets)? = run.inlineResults[1]
        else {
            Issue.record("expected two failures: \(run.inlineResults)")
            return
        }
        #expect(thrown.message.contains("Oops"))
        #expect(thrown.location?.line == 6)
        #expect(brackets.kind == .compileError)
        #expect(brackets.location?.line == 6)
    }

    @Test func crashInAnInlineExpressionPointsAtTheProseLine() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let (_, run) = try harness.run(
            """
            ```swift
            let values = [1, 2]
            ```

            Out of range: `{swift} values[5]`.
            """)
        #expect(!run.succeeded)
        #expect(run.failedCells.first?.failure?.location?.line == 5, "\(run.cells)")
    }

    @Test func cachedRunKeepsTheValues() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        var options = ExecutionOptions()
        options.cacheDirectory = harness.folder + "/cache"
        let markdown = "```swift\nlet x = 21\n```\n\nTwice: `{swift} x * 2`.\n"
        let (_, first) = try harness.run(markdown, options: options)
        let (_, second) = try harness.run(markdown, options: options)
        #expect(!first.fromCache)
        #expect(second.fromCache)
        #expect(second.inlineValueTexts == [0: "42"])
    }
}
