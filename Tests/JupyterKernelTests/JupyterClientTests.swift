import Foundation
import NotebookTestSupport
import Testing

/// The kernel through real Jupyter clients (jupyter_client, jupyter_kernel_test, nbclient,
/// papermill from PyPI; the bootstrap installs them), against the kernelspec that
/// `notebook kernel install --prefix` writes.
@Suite("Jupyter kernel through real clients", .serialized, .tags(.slow))
struct JupyterClientTests {
    @Test func installWritesTheKernelspec() throws {
        let folder = try KernelClients.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try KernelClients.install(in: folder)
        let spec = try String(
            contentsOfFile: folder + "/prefix/share/jupyter/kernels/swift/kernel.json", encoding: .utf8)
        #expect(spec.contains("\"Swift (notebook)\""))
        #expect(spec.contains("\"--connection-file\""))
        #expect(spec.contains("\"{connection_file}\""))
    }

    @Test func passesJupyterKernelTestConformanceSuite() throws {
        let result = try KernelClients.runClient("kernel_test_suite.py")
        #expect(result.status == 0, "\(result.output)")
    }

    @Test(arguments: [
        "crash", "interrupt-message", "interrupt-signal", "stop-on-error", "restart", "complete", "execution-count",
        "rerun-from",
    ])
    func scenario(_ name: String) throws {
        let result = try KernelClients.runClient("scenarios.py", [name])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("passed: \(name)"))
    }

    @Test func nbclientRunsAnExportedNotebookWithTheSameTextOutputsAsRender() throws {
        let folder = try KernelClients.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let export = try KernelClients.run(
            KernelClients.notebook,
            ["export", KernelClients.fixtures + "/kernel-fixture.md", "--out", folder, "--no-cache"], in: folder)
        try #require(export.status == 0, "\(export.output)")
        let result = try KernelClients.runClient("run_exported.py", [folder + "/kernel-fixture.ipynb"], folder: folder)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("3 code cells, 0 differ") || result.output.contains("4 code cells, 0 differ"))
    }

    @Test func papermillInjectsAParameter() throws {
        let folder = try KernelClients.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let export = try KernelClients.run(
            KernelClients.notebook,
            ["export", KernelClients.fixtures + "/kernel-fixture.md", "--out", folder, "--no-cache"], in: folder)
        try #require(export.status == 0, "\(export.output)")
        let output = folder + "/out.ipynb"
        let result = try KernelClients.runClient(
            "papermill_run.py", [folder + "/kernel-fixture.ipynb", output, "steps", "5"], folder: folder)
        #expect(result.status == 0, "\(result.output)")
        let notebook = try String(contentsOfFile: output, encoding: .utf8)
        #expect(notebook.contains("total 15"), "1 + … + 5 with the injected steps = 5")
        #expect(notebook.contains("injected-parameters"))
    }
}
