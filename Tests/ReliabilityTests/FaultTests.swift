import Foundation
import NotebookTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Faults during a run, end to end through the CLI: crashes, hangs, greedy memory, processes a
/// cell leaves behind (daemons included), and SIGINT/SIGTERM to the runner.
@Suite(.serialized) struct RunFaultTests {
    @Test func crashHangAndGreedyCellsFailCleanly() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try NotebookBinary.write(
            "# Crash\n\n```swift\nprint(\"before\")\nlet xs = [1]\nprint(xs[5])\n```\n\n```swift\nprint(\"never\")\n```\n",
            to: folder + "/n/crash.md")
        try NotebookBinary.write(
            "# Loop\n\n```swift\nprint(\"spinning\")\nwhile true {}\n```\n", to: folder + "/n/loop.md")
        try NotebookBinary.write(
            "# Deadlock\n\n```swift\nlet gate = DispatchSemaphore(value: 0)\nprint(\"waiting\")\ngate.wait()\n```\n",
            to: folder + "/n/deadlock.md")
        try NotebookBinary.write(
            "# Greedy\n\n```swift\nprint(\"small\")\n```\n\n```swift\n//| timeout: 60\nvar hoard: [[UInt8]] = []\nfor _ in 0..<64 { hoard.append([UInt8](repeating: 1, count: 64 << 20)) }\nprint(hoard.count)\n```\n",
            to: folder + "/n/greedy.md")
        try NotebookBinary.write("# Ok\n\n```swift\nprint(\"fine\")\n```\n", to: folder + "/n/ok.md")
        let result = try NotebookBinary.run(
            [
                "render", "n", "--out", "out", "--no-cache", "--cell-timeout", "3", "--memory-limit", "1024", "--jobs",
                "2",
            ], in: folder)
        #expect(result.status == 1, "\(result.standardError)")
        let errors = result.standardError
        #expect(errors.contains("crash.md:6:"), "\(errors)")
        #expect(errors.contains("Index out of range"))
        #expect(errors.contains("loop.md:4: error: timeout"), "\(errors)")
        #expect(errors.contains("deadlock.md:4: error: timeout"), "\(errors)")
        // The greedy cell has its own long limit, so the memory limit stops it even when the
        // machine is slow (at 3 s it could time out first under a loaded parallel test run).
        #expect(errors.contains("greedy.md"), "\(errors)")
        #expect(errors.contains("memory"), "\(errors)")
        for name in ["crash", "loop", "deadlock", "greedy", "ok"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/out/\(name).html"), "\(name).html")
        }
        let crash = try String(contentsOfFile: folder + "/out/crash.html", encoding: .utf8)
        #expect(crash.contains("before"))
        let greedy = try String(contentsOfFile: folder + "/out/greedy.html", encoding: .utf8)
        #expect(greedy.contains("small"))
        #expect(try String(contentsOfFile: folder + "/out/loop.html", encoding: .utf8).contains("spinning"))
    }

    /// A cell that forks, and one that daemonizes (fork, setsid, fork): both are gone when the
    /// notebook ends, and the runner leaves no zombie.
    @Test func forkedAndDaemonizedChildrenAreKilled() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try NotebookBinary.write(
            """
            # Leftovers

            ```swift
            import Glibc
            func record(_ name: String) {
                let text = "\\(getpid())"
                let fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                _ = text.withCString { write(fd, $0, strlen($0)) }
                close(fd)
            }
            if fork() == 0 {
                record("plain.pid")
                while true { sleep(1) }
            }
            let first = fork()
            if first == 0 {
                setsid()
                if fork() == 0 {
                    signal(SIGHUP, SIG_IGN)
                    record("daemon.pid")
                    while true { sleep(1) }
                }
                _exit(0)
            }
            var status: Int32 = 0
            waitpid(first, &status, 0)
            while access("daemon.pid", F_OK) != 0 || access("plain.pid", F_OK) != 0 { usleep(10_000) }
            print("left two processes behind")
            ```
            """, to: folder + "/leftovers.md")
        let result = try NotebookBinary.run(["render", "leftovers.md", "--no-cache"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let plain = try #require(NotebookBinary.waitForPID(in: folder + "/plain.pid", seconds: 1))
        let daemon = try #require(NotebookBinary.waitForPID(in: folder + "/daemon.pid", seconds: 1))
        let plainGone = NotebookBinary.waitForDeath(of: plain)
        let daemonGone = NotebookBinary.waitForDeath(of: daemon)
        if !plainGone { kill(plain, SIGKILL) }
        if !daemonGone { kill(daemon, SIGKILL) }
        #expect(plainGone, "the forked child \(plain) survived the run")
        #expect(daemonGone, "the daemon \(daemon) (its own session) survived the run")
    }

    /// SIGINT and SIGTERM while a cell runs: the runner exits 130/143, the cell and a daemon it
    /// started are killed, the previous report is intact, the cache holds no partial entry and
    /// still works afterwards.
    @Test(arguments: [SIGINT, SIGTERM])
    func signalStopsEverythingAndKeepsReportAndCache(_ signalNumber: Int32) throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try NotebookBinary.write("# Quick\n\n```swift\nprint(\"cached result\")\n```\n", to: folder + "/quick.md")
        try NotebookBinary.write(
            """
            ---
            timeout: 120
            ---
            # Long

            ```swift
            import Glibc
            func record(_ name: String) {
                let text = "\\(getpid())"
                let fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                _ = text.withCString { write(fd, $0, strlen($0)) }
                close(fd)
            }
            if fork() == 0 {
                setsid()
                if fork() == 0 {
                    record("daemon.pid")
                    while true { sleep(1) }
                }
                _exit(0)
            }
            while access("daemon.pid", F_OK) != 0 { usleep(10_000) }
            record("cell.pid")
            while true {}
            ```
            """, to: folder + "/long.md")
        // A first render fills the cache with quick.md and writes long.html from an earlier state.
        let first = try NotebookBinary.run(["render", "quick.md"], in: folder)
        #expect(first.status == 0, "\(first.standardError)")
        try "previous report".write(toFile: folder + "/long.html", atomically: true, encoding: .utf8)
        let cacheBefore = Self.cacheEntries(in: folder)
        #expect(cacheBefore.count == 1)

        let process = try NotebookBinary.start(
            ["render", "long.md", "quick.md", "--jobs", "1"], in: folder, log: folder + "/log")
        let cell = try #require(NotebookBinary.waitForPID(in: folder + "/cell.pid"), "the cell never started")
        let daemon = try #require(NotebookBinary.waitForPID(in: folder + "/daemon.pid", seconds: 1))
        kill(process.processIdentifier, signalNumber)
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + signalNumber)
        let cellGone = NotebookBinary.waitForDeath(of: cell)
        let daemonGone = NotebookBinary.waitForDeath(of: daemon)
        if !cellGone { kill(cell, SIGKILL) }
        if !daemonGone { kill(daemon, SIGKILL) }
        #expect(cellGone, "the cell survived the signal")
        #expect(daemonGone, "the cell's daemon survived the signal")
        #expect(try String(contentsOfFile: folder + "/long.html", encoding: .utf8) == "previous report")
        #expect(
            NotebookBinary.leftoverTemporaryFiles(in: folder).isEmpty,
            "\(NotebookBinary.leftoverTemporaryFiles(in: folder))")
        #expect(Self.cacheEntries(in: folder) == cacheBefore)
        for entry in Self.cacheEntries(in: folder) {
            let data = try #require(FileManager.default.contents(atPath: entry))
            #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "corrupt cache entry \(entry)")
        }
        // The cache still serves the quick notebook.
        let again = try NotebookBinary.run(["render", "quick.md"], in: folder)
        #expect(again.status == 0)
        #expect(again.standardError.isEmpty || !again.standardError.contains("error"))
        #expect(try String(contentsOfFile: folder + "/quick.html", encoding: .utf8).contains("cached result"))
    }

    static func cacheEntries(in folder: String) -> [String] {
        let runs = folder + "/.notebook-cache/runs"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: runs)) ?? []
        return names.sorted().map { runs + "/" + $0 }
    }
}
