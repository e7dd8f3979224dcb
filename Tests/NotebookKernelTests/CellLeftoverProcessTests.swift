import Foundation
import NotebookKernel
import NotebookTestSupport
import Testing

/// A process a cell started that left the worker's session (`setsid`, `env -i`) lives as long as
/// the worker that started it, as a background process in the session does: it goes when a cell
/// is interrupted or crashes, or when `serve` goes back to an earlier state; while cells succeed
/// it stays (a cell may start a server on purpose). The saved states stay in every case.
@Suite("Cell engine: processes left behind", .serialized)
struct CellLeftoverProcessTests {
    final class Fixture {
        let folder: String
        let marker = NotebookBinary.escapeeMarker()
        let harness: EngineHarness

        init() throws {
            folder = FileManager.default.temporaryDirectory.path + "/cell-leftovers-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            harness = try EngineHarness()
        }

        deinit {
            _ = NotebookBinary.survivors(withArgument: marker, seconds: 0)
            try? FileManager.default.removeItem(atPath: folder)
        }

        /// Runs the escapee cell after `let kept = 5`; whether both succeeded and the escapee runs.
        func startEscapee() -> Bool {
            let kept = harness.run("let kept = 5").report.succeeded
            let escaped = harness.run(NotebookBinary.escapeeCell(marker: marker, flagFile: folder + "/escaped"))
            return kept && escaped.report.succeeded && escapeeRuns
        }

        /// Whether the escapee's `sleep` runs (waiting up to 5 s: its shell starts it after the flag).
        var escapeeRuns: Bool {
            let deadline = Date().addingTimeInterval(5)
            while NotebookBinary.processes(withArgument: marker).isEmpty {
                if Date() > deadline { return false }
                usleep(20_000)
            }
            return true
        }

        var escapeeSurvives: Bool {
            !NotebookBinary.survivors(withArgument: marker, seconds: 2).isEmpty
        }
    }

    @Test func anInterruptTakesTheEscapeeAndKeepsTheState() throws {
        let fixture = try Fixture()
        #expect(fixture.startEscapee())
        let engine = fixture.harness.engine
        let interrupter = Thread {
            Thread.sleep(forTimeInterval: 1)
            engine.interrupt()
        }
        interrupter.start()
        #expect(fixture.harness.run("while true { usleep(1000) }").report.status == .interrupted)
        #expect(!fixture.escapeeSurvives, "the escapee outlived the interrupted worker")
        #expect(fixture.harness.run("print(kept)").stdout == "5\n")
    }

    @Test func aCrashTakesTheEscapeeAndKeepsTheState() throws {
        let fixture = try Fixture()
        #expect(fixture.startEscapee())
        #expect(!fixture.harness.run("fatalError(\"boom\")").report.succeeded)
        #expect(!fixture.escapeeSurvives, "the escapee outlived the crashed worker")
        #expect(fixture.harness.run("print(kept)").stdout == "5\n")
    }

    @Test func goingBackToAnEarlierStateTakesTheEscapee() throws {
        let fixture = try Fixture()
        #expect(fixture.startEscapee())
        fixture.harness.engine.restore(keepingFirst: 1)
        #expect(!fixture.escapeeSurvives, "the escapee outlived the state it was started in")
        #expect(fixture.harness.run("print(kept)").stdout == "5\n")
    }

    @Test func whileCellsSucceedTheEscapeeStays() throws {
        let fixture = try Fixture()
        #expect(fixture.startEscapee())
        #expect(fixture.harness.run("print(kept + 1)").stdout == "6\n")
        #expect(fixture.escapeeRuns)
    }
}
