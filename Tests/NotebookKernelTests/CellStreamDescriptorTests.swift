import Foundation
import NotebookKernel
import Testing

/// A cell that closes or replaces the descriptors the cell host runs on (its command input,
/// standard output and error, the status pipe) neither hangs the kernel nor silences the cells
/// after it: each cell starts with the kernel's streams. (Before, `close(3)` left the engine
/// waiting for a `done` line that could never come.) The time limits only guard against that hang.
@Suite("Cell engine: the host's descriptors")
struct CellStreamDescriptorTests {
    static let limit: Duration = .seconds(30)

    @Test(arguments: ["close(3)", "dup2(1, 3)", "close(0)", "dup2(2, 0)"])
    func aCellThatClosesOrReplacesAHostDescriptorStillFinishes(statement: String) throws {
        let harness = try EngineHarness()
        harness.run("let kept = 3")
        let cell = harness.run("import Glibc\n_ = \(statement)\nprint(\"after\")", timeout: Self.limit)
        #expect(cell.report.status == .succeeded, "\(statement): \(cell.report.status) \(cell.report.message)")
        #expect(cell.stdout == "after\n")
        let next = harness.run("print(kept + 1)", timeout: Self.limit)
        #expect(next.report.status == .succeeded, "\(statement): \(next.report.message)")
        #expect(next.stdout == "4\n")
        #expect(harness.engine.history.count == 3)
    }

    @Test(arguments: [1, 2])
    func theNextCellWritesToTheKernelsStreamsAgain(descriptor: Int32) throws {
        let harness = try EngineHarness()
        #expect(harness.run("import Glibc\nclose(\(descriptor))", timeout: Self.limit).report.succeeded)
        let next = harness.run(
            "import Glibc\nlet text = \"visible\\n\"\n_ = write(\(descriptor), text, text.utf8.count)",
            timeout: Self.limit)
        #expect(next.report.succeeded)
        if descriptor == 1 {
            #expect(next.stdout == "visible\n")
        } else {
            #expect(harness.standardError.contains("visible"))
        }
    }
}
