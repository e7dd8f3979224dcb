import Foundation
import NotebookKernel
import NotebookTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The limits `render` puts on a notebook process hold for each cell process of the cell engine
/// (`serve` passes its `--memory-limit`, `--file-size-limit` and `--process-limit`), a cell that
/// reaches one fails saying which, and the state before it is kept.
@Suite("Cell engine: limits")
struct CellLimitTests {
    @Test func aCellPastTheMemoryLimitFailsSayingSoAndTheStateStays() throws {
        let harness = try EngineHarness { $0.memoryLimitBytes = 256 << 20 }
        harness.run("let kept = 7")
        let greedy = harness.run("var big = [UInt8](repeating: 1, count: 1 << 31)\nprint(big.count)")
        #expect(greedy.report.status != .succeeded)
        #expect(greedy.report.message.contains("memory limit of 256 MiB"), "\(greedy.report.message)")
        let after = harness.run("print(kept)")
        #expect(after.stdout == "7\n")
    }

    @Test func aFilePastTheFileSizeLimitFailsSayingSo() throws {
        let folder = FileManager.default.temporaryDirectory.path + "/cell-limits-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let harness = try EngineHarness { $0.fileSizeLimitBytes = 1 << 20 }
        let writer = harness.run(
            """
            import Foundation
            let handle = FileHandle(forWritingAtPath: "\(folder)/big") ?? {
                FileManager.default.createFile(atPath: "\(folder)/big", contents: nil)
                return FileHandle(forWritingAtPath: "\(folder)/big")!
            }()
            for _ in 0..<4 { handle.write(Data(count: 1 << 20)) }
            """)
        #expect(writer.report.status == .crashed(signal: SIGXFSZ, exitCode: nil))
        #expect(writer.report.message.contains("grew past the file-size limit"), "\(writer.report.message)")
        let size = (try? FileManager.default.attributesOfItem(atPath: folder + "/big")[.size] as? Int) ?? 0
        #expect(size <= 1 << 20)
    }

    /// Saved states do not use up the cells' process limit: after 30 cells (30 snapshots) a cell
    /// may still start 6 processes with a limit of 16; and 40 are refused.
    @Test(.enabled(if: CellLimitTests.cgroupsWritable))
    func theProcessLimitCountsTheCellsProcessesNotTheSavedStates() throws {
        let harness = try EngineHarness { $0.processLimit = 16 }
        for index in 0..<30 { #expect(harness.run("let value\(index) = \(index)").report.succeeded) }
        let start = { (count: Int) in
            """
            import Foundation
            var started: [Process] = []
            for _ in 0..<\(count) {
                let sleeper = Process()
                sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
                sleeper.arguments = ["30"]
                try sleeper.run()
                started.append(sleeper)
            }
            print(started.count)
            for sleeper in started { sleeper.terminate(); sleeper.waitUntilExit() }
            """
        }
        let few = harness.run(start(6))
        #expect(few.report.succeeded, "\(few.report.message)")
        #expect(few.stdout == "6\n")
        let many = harness.run(start(40))
        #expect(!many.report.succeeded, "40 processes with a limit of 16")
        #expect(harness.run("print(value29)").stdout == "29\n")
    }

    static var cgroupsWritable: Bool {
        let controlFiles: [String] = [
            "/sys/fs/cgroup/cgroup.procs", "/sys/fs/cgroup/unified/cgroup.procs", "/sys/fs/cgroup/pids/cgroup.procs",
        ]
        return controlFiles.contains { access($0, W_OK) == 0 }
    }
}
