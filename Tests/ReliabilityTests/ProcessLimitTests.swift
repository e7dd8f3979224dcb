import Foundation
import NotebookTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The runner's limits and the notebook process's lifetime, through the built binary: bad
/// numeric flags are usage errors, the memory limit works at its smallest accepted value, the
/// file-size limit stops a flood, the notebook process dies with a SIGKILLed runner, and no
/// run folder outlives its runner.
@Suite(.serialized) struct ProcessLimitTests {
    @Test(arguments: [
        ["--timeout", "nan"], ["--timeout", "inf"], ["--timeout", "0"], ["--timeout", "-5"], ["--timeout", "1e-9"],
        ["--timeout", "1e300"], ["--cell-timeout", "nan"], ["--cell-timeout", "0.00001"],
        ["--memory-limit", "0"], ["--memory-limit", "-1"], ["--memory-limit", "63"],
        ["--memory-limit", "9223372036854775807"], ["--memory-limit", "99999999999999999999"],
        ["--file-size-limit", "0"], ["--file-size-limit", "9223372036854775807"],
        ["--process-limit", "0"], ["--process-limit", "-1"], ["--process-limit", "15"],
        ["--process-limit", "4194305"], ["--process-limit", "99999999999999999999"], ["--process-limit", "nan"],
    ])
    func badNumericFlagsAreUsageErrors(flag: [String]) throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try NotebookBinary.write("# T\n\n```swift\nprint(1)\n```\n", to: folder + "/n.md")
        let result = try NotebookBinary.run(["render", "n.md", "--no-cache"] + flag, in: folder)
        #expect(result.status == 64, "\(flag): \(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/n.html"))
    }

    /// OpenBLAS reserves its buffers at the first product and retries forever when that fails:
    /// the smallest accepted limit must still leave it room, so the run ends (ok) promptly.
    @Test func theSmallestMemoryLimitRunsAProductAndExits() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try NotebookBinary.write(
            "# M\n\n```swift\nlet t = Tensor.zeros([256, 256])\nprint(t.matmul(t).shape)\n```\n", to: folder + "/n.md")
        let result = try NotebookBinary.run(
            ["render", "n.md", "--no-cache", "--memory-limit", "64", "--timeout", "60"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.seconds < 50)
    }

    @Test func aFloodPastTheFileSizeLimitStopsTheCellAndSaysSo() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try NotebookBinary.write(
            "# Flood\n\n```swift\nlet line = String(repeating: \"x\", count: 1023) + \"\\n\"\nfor _ in 0..<4096 { print(line, terminator: \"\") }\n```\n",
            to: folder + "/n.md")
        let result = try NotebookBinary.run(["render", "n.md", "--no-cache", "--file-size-limit", "1"], in: folder)
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("file-size limit"), "\(result.standardError)")
    }

    static let sleeper = """
        # Sleeper

        ```swift
        import Glibc
        let text = "\\(getpid())"
        let fd = open("cell.pid", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        _ = text.withCString { write(fd, $0, strlen($0)) }
        close(fd)
        while true { sleep(1) }
        ```
        """

    /// The run folders of the runner with process id `runner` started at `started`: a folder
    /// of an earlier, killed runner that had the same (since reused) process id is older.
    static func runFolders(of runner: pid_t, since started: Date) -> [String] {
        let base = FileManager.default.temporaryDirectory.path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        return names.filter { name in
            guard name.hasPrefix("notebook-run-\(runner)-"),
                let modified = try? FileManager.default.attributesOfItem(atPath: base + "/" + name)[.modificationDate]
                    as? Date
            else { return false }
            return modified.timeIntervalSince(started) > -1
        }
    }

    /// Starts `render` of the sleeping notebook in a new folder and waits for its cell to run.
    static func startSleeper() throws -> (folder: String, process: Process, cell: pid_t, runner: pid_t, started: Date) {
        let folder = try NotebookBinary.temporaryFolder()
        let started = Date()
        try NotebookBinary.write(Self.sleeper, to: folder + "/n.md")
        let process = try NotebookBinary.start(["render", "n.md", "--no-cache"], in: folder, log: folder + "/log")
        let cell = try #require(NotebookBinary.waitForPID(in: folder + "/cell.pid"), "the cell never started")
        return (folder, process, cell, process.processIdentifier, started)
    }

    @Test func theNotebookProcessDiesWithAKilledRunnerAndItsFolderIsSweptLater() throws {
        let (folder, process, cell, runner, started) = try Self.startSleeper()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(Self.runFolders(of: runner, since: started).count == 1)
        kill(runner, SIGKILL)
        process.waitUntilExit()
        let cellGone = NotebookBinary.waitForDeath(of: cell)
        if !cellGone { kill(cell, SIGKILL) }
        #expect(cellGone, "the notebook process outlived its SIGKILLed runner")
        // The next runner removes the folder the killed one could not.
        try NotebookBinary.write("# Ok\n\n```swift\nprint(1)\n```\n", to: folder + "/ok.md")
        let next = try NotebookBinary.run(["render", "ok.md", "--no-cache"], in: folder)
        #expect(next.status == 0, "\(next.standardError)")
        #expect(Self.runFolders(of: runner, since: started).isEmpty, "\(Self.runFolders(of: runner, since: started))")
    }

    @Test func aSignalledRunnerRemovesItsRunFolder() throws {
        let (folder, process, cell, runner, started) = try Self.startSleeper()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        kill(runner, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 143)
        #expect(NotebookBinary.waitForDeath(of: cell))
        #expect(Self.runFolders(of: runner, since: started).isEmpty, "\(Self.runFolders(of: runner, since: started))")
    }

    @Test func everyNormalExitRemovesTheRunFolder() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try NotebookBinary.write("# Crash\n\n```swift\nlet xs = [Int]()\nprint(xs[1])\n```\n", to: folder + "/n.md")
        let started = Date()
        let process = try NotebookBinary.start(["render", "n.md", "--no-cache"], in: folder, log: folder + "/log")
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(Self.runFolders(of: process.processIdentifier, since: started).isEmpty)
    }
}
