import Foundation
import NotebookDocument
import NotebookExecution
import NotebookKernel
import NotebookOutput
import Testing

/// The incremental runs `notebook serve` makes: only the cells from the first changed one run
/// again, from the state the cells above left.
@Suite("Notebook session: re-runs only what changed", .serialized)
struct NotebookSessionTests {
    /// A notebook in its own folder whose first cell appends a line to `log.txt` (relative: the
    /// cells run in the notebook's folder) and whose second cell prints `base + added`.
    final class Fixture {
        let folder: String
        let path: String
        let session: NotebookSession

        init() throws {
            folder = FileManager.default.temporaryDirectory.path + "/notebook-session-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            path = folder + "/notes.md"
            session = NotebookSession(toolchain: try NotebookToolchain.locate())
        }

        deinit {
            session.shutdown()
            try? FileManager.default.removeItem(atPath: folder)
        }

        /// Writes the notebook with `added` in the second cell and `prose` between the cells.
        func write(added: Int, prose: String = "Some prose.") throws -> Notebook {
            let text = """
                # Session

                ```swift
                let log = URL(fileURLWithPath: "log.txt")
                let previous = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                try (previous + "ran\\n").write(to: log, atomically: true, encoding: .utf8)
                var base = 40
                ```

                \(prose)

                ```swift
                base += \(added)
                print(base)
                ```
                """
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return try NotebookParser.parse(fileAt: path)
        }

        var appendedLines: Int {
            ((try? String(contentsOfFile: folder + "/log.txt", encoding: .utf8)) ?? "").split(separator: "\n").count
        }
    }

    static func printed(_ run: NotebookRun, ordinal: Int) -> String {
        run.cell(ordinal: ordinal)?.outputs.compactMap { if case .stdout(let text) = $0 { text } else { nil } }.joined()
            ?? ""
    }

    @Test func aCellThatAppendsToAFileRunsOnceWhileALaterCellIsEditedThreeTimes() throws {
        let fixture = try Fixture()
        let first = try fixture.session.run(fixture.write(added: 1))
        #expect(first.succeeded)
        #expect(Self.printed(first, ordinal: 1) == "41\n")
        #expect(fixture.appendedLines == 1)
        for added in 2...4 {
            let run = try fixture.session.run(fixture.write(added: added))
            #expect(fixture.session.lastExecutedCells == [1], "only the edited cell runs")
            // The second cell starts from the state after the first (base = 40), not after its own last run.
            #expect(Self.printed(run, ordinal: 1) == "\(40 + added)\n")
            #expect(run.cell(ordinal: 0)?.status == .succeeded)
            #expect(run.cell(ordinal: 0)?.executionCount == 1)
        }
        #expect(fixture.appendedLines == 1, "the first cell ran once")
    }

    @Test func anEditOfTheProseAloneRunsNothingAndKeepsTheOutputs() throws {
        let fixture = try Fixture()
        let before = try fixture.session.run(fixture.write(added: 2))
        let after = try fixture.session.run(fixture.write(added: 2, prose: "Other prose,\n\nover two paragraphs."))
        #expect(fixture.session.lastExecutedCells.isEmpty)
        #expect(Self.printed(after, ordinal: 1) == Self.printed(before, ordinal: 1))
        #expect(fixture.appendedLines == 1)
    }

    @Test func rerunningFromACellRestoresTheStateBeforeIt() throws {
        let fixture = try Fixture()
        let notebook = try fixture.write(added: 5)
        _ = try fixture.session.run(notebook)
        let again = try fixture.session.run(notebook, rerunningFrom: 1)
        #expect(fixture.session.lastExecutedCells == [1])
        #expect(Self.printed(again, ordinal: 1) == "45\n", "base is 40 again, as after the first cell")
        _ = try fixture.session.run(notebook, rerunningFrom: 0)
        #expect(fixture.session.lastExecutedCells == [0, 1])
        #expect(fixture.appendedLines == 2)
    }

    @Test func thePendingRunMarksTheStaleCellsAndKeepsTheOnesAbove() throws {
        let fixture = try Fixture()
        let notebook = try fixture.write(added: 1)
        #expect(fixture.session.pendingRun(notebook) == nil, "nothing to show before the first run")
        _ = try fixture.session.run(notebook)
        #expect(fixture.session.pendingRun(notebook) == nil, "nothing is stale")
        let edited = try fixture.write(added: 7)
        #expect(fixture.session.staleCells(in: edited) == [1])
        let pending = try #require(fixture.session.pendingRun(edited))
        #expect(pending.cell(ordinal: 0)?.status == .succeeded)
        guard case .notRun(let reason)? = pending.cell(ordinal: 1)?.status else {
            Issue.record("the edited cell is not marked stale")
            return
        }
        #expect(reason.hasPrefix("stale"))
    }

    @Test func aFailingCellStopsTheCellsAfterItUntilItIsFixed() throws {
        let fixture = try Fixture()
        try """
        ```swift
        var total = 1
        ```

        ```swift
        total += undefinedName
        ```

        ```swift
        print(total)
        ```
        """.write(toFile: fixture.path, atomically: true, encoding: .utf8)
        let broken = try fixture.session.run(NotebookParser.parse(fileAt: fixture.path))
        guard case .failed(let failure)? = broken.cell(ordinal: 1)?.status else {
            Issue.record("the second cell should fail to compile")
            return
        }
        #expect(failure.kind == .compileError)
        #expect(failure.location?.line == 6)
        #expect(broken.cell(ordinal: 2)?.status == .notRun(reason: "cell at line 5 did not compile"))
        try String(contentsOfFile: fixture.path, encoding: .utf8).replacingOccurrences(of: "undefinedName", with: "2")
            .write(toFile: fixture.path, atomically: true, encoding: .utf8)
        let fixed = try fixture.session.run(NotebookParser.parse(fileAt: fixture.path))
        #expect(fixture.session.lastExecutedCells == [1, 2])
        #expect(Self.printed(fixed, ordinal: 2) == "3\n")
    }

    /// `serve`'s page says "stack overflow" for a cell that recursed without end, as `render`'s does.
    @Test func aStackOverflowIsReportedAsOne() throws {
        let fixture = try Fixture()
        try """
        ```swift
        func depth(_ n: Int) -> Int { n < 0 ? 0 : 1 + depth(n + 1) }
        print(depth(0))
        ```
        """.write(toFile: fixture.path, atomically: true, encoding: .utf8)
        let run = try fixture.session.run(NotebookParser.parse(fileAt: fixture.path))
        guard case .failed(let failure)? = run.cell(ordinal: 0)?.status else {
            Issue.record("the cell should fail")
            return
        }
        #expect(failure.kind == .stackOverflow, "\(failure)")
    }
}
