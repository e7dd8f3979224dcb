import Foundation
import NotebookTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Processes a cell starts that leave everything behind (`setsid`: a new session and process
/// group; `env -i`: no environment, so no tag) are still killed when the run ends, however it
/// ends; and a fork bomb stops at the process limit with a failure that says so. Through the
/// built binary, with the cgroup containment and with the /proc walk it falls back to.
@Suite(.serialized) struct EscapedProcessTests {
    /// How the cell ends after starting its escapee.
    enum Ending: String, CaseIterable, Sendable {
        case normally, onTimeout, onFailure

        var code: String {
            switch self {
            case .normally: "print(\"started\")"
            case .onTimeout: "print(\"started\")\nwhile true { sleep(1) }"
            case .onFailure: "print(\"started\")\nlet empty = [Int]()\nprint(empty[1])"
            }
        }

        var expectedStatus: Int32 { self == .normally ? 0 : 1 }
    }

    /// Whether the runner can create cgroups here (root on a host with a writable hierarchy).
    static var cgroupsWritable: Bool {
        let controlFiles: [String] = [
            "/sys/fs/cgroup/cgroup.procs", "/sys/fs/cgroup/unified/cgroup.procs", "/sys/fs/cgroup/pids/cgroup.procs",
        ]
        return controlFiles.contains { access($0, W_OK) == 0 }
    }

    @Test(arguments: Ending.allCases, [false, true])
    func anEscapedDescendantIsKilledWhenTheRunEnds(ending: Ending, walkingProc: Bool) throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let marker = NotebookBinary.escapeeMarker()
        try NotebookBinary.write(
            """
            # Escape

            ```swift
            \(NotebookBinary.escapeeCell(marker: marker, flagFile: "escaped"))
            \(ending.code)
            ```
            """, to: folder + "/n.md")
        var environment = ProcessInfo.processInfo.environment
        if walkingProc { environment["NOTEBOOK_CGROUPS"] = "off" }
        let result = try NotebookBinary.run(
            ["render", "n.md", "--no-cache", "--cell-timeout", "5"], in: folder, environment: environment)
        let survivors = NotebookBinary.processes(withArgument: marker)
        for survivor in survivors { kill(survivor, SIGKILL) }
        #expect(result.status == ending.expectedStatus, "\(result.standardError)")
        #expect(FileManager.default.fileExists(atPath: folder + "/escaped"), "the escapee never ran")
        #expect(
            survivors.isEmpty, "\(ending) (\(walkingProc ? "/proc walk" : "cgroup")): \(survivors) outlived the run")
    }

    @Test(.enabled(if: cgroupsWritable), arguments: [(["--process-limit", "64"], 64), ([], 512)])
    func aForkBombStopsAtTheProcessLimitAndSaysSo(flags: [String], limit: Int) throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let marker = "30.\(UInt32.random(in: 100_000...999_999))"
        try NotebookBinary.write(
            """
            # Bomb

            ```swift
            print("before the bomb")
            ```

            ```swift
            import Foundation
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/sh")
            shell.arguments = ["-c", "i=0; while [ $i -lt 2000 ]; do sleep \(marker) & i=$((i+1)); done; wait"]
            try shell.run()
            shell.waitUntilExit()
            print("after the bomb")
            ```
            """, to: folder + "/n.md")
        let result = try NotebookBinary.run(["render", "n.md", "--no-cache"] + flags, in: folder)
        let survivors = NotebookBinary.processes(withArgument: marker)
        for survivor in survivors { kill(survivor, SIGKILL) }
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("n.md:8: error: process limit: "), "\(result.standardError)")
        #expect(result.standardError.contains("more than \(limit) processes"), "\(result.standardError)")
        #expect(survivors.isEmpty, "\(survivors.count) of the bomb's processes outlived the run")
        let report = try String(contentsOfFile: folder + "/n.html", encoding: .utf8)
        #expect(report.contains("before the bomb"))
        #expect(report.contains("process limit"))
    }
}
