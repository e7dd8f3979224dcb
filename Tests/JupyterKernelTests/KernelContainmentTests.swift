import Foundation
import NotebookTestSupport
import Testing

/// A process a kernel cell starts, which leaves everything behind (`setsid`, `env -i`), goes
/// when the kernel shuts down, restarts or is killed with SIGKILL: through jupyter_client and
/// the installed kernelspec, with the cgroup containment and with the /proc walk it falls back to.
@Suite("Kernel containment", .serialized, .tags(.slow))
struct KernelContainmentTests {
    @Test(arguments: ["shutdown", "restart", "sigkill"], [false, true])
    func anEscapedProcessGoesWithTheKernel(ending: String, walkingProc: Bool) throws {
        let folder = try KernelClients.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let marker = NotebookBinary.escapeeMarker()
        let cell = folder + "/cell.swift"
        try NotebookBinary.escapeeCell(marker: marker, flagFile: folder + "/escaped").write(
            toFile: cell, atomically: true, encoding: .utf8)
        let result = try KernelClients.runClient(
            "escapee.py", [cell, ending], folder: folder,
            environment: walkingProc ? ["NOTEBOOK_CGROUPS": "off"] : [:])
        let survivors = NotebookBinary.survivors(withArgument: marker)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("ended: \(ending)"), "\(result.output)")
        #expect(FileManager.default.fileExists(atPath: folder + "/escaped"), "the escapee never ran")
        #expect(
            survivors.isEmpty,
            "\(ending) (\(walkingProc ? "/proc walk" : "cgroup")): \(survivors) outlived the kernel")
    }

    /// An interrupted cell's background process (one that stayed in the cell's process group)
    /// goes with the cell, while the kernel and its state stay.
    @Test func anInterruptedCellsBackgroundProcessGoesWithIt() throws {
        let folder = try KernelClients.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let marker = NotebookBinary.escapeeMarker()
        let cell = folder + "/cell.swift"
        let flag = folder + "/started"
        try """
        import Foundation
        let background = Process()
        background.executableURL = URL(fileURLWithPath: "/bin/sleep")
        background.arguments = ["\(marker)"]
        try background.run()
        FileManager.default.createFile(atPath: "\(flag)", contents: nil)
        while true { usleep(10_000) }
        """.write(toFile: cell, atomically: true, encoding: .utf8)
        let result = try KernelClients.runClient(
            "escapee.py", [cell, "interrupt", flag], folder: folder, environment: ["ESCAPEE_MARKER": marker])
        let survivors = NotebookBinary.survivors(withArgument: marker, seconds: 0)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("ended: interrupt"), "\(result.output)")
        #expect(survivors.isEmpty)
    }
}
