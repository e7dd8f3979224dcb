import Foundation
import NotebookExecution
import NotebookKernel
import NotebookTestSupport
import Testing

/// Each cell is compiled by the frontend and linked by the linker command, both derived from the
/// driver, or through the driver when they cannot be had or the configuration asks for it; either
/// way later cells use what earlier cells declared.
@Suite("Cell engine: compiling and linking each cell")
struct CellLinkingTests {
    @Test func theDerivedLinkerCommandLinksCellsThatLaterCellsUse() throws {
        let harness = try EngineHarness()
        guard case .direct(let linker) = harness.engine.linking else {
            Issue.record("expected the derived linker command, got \(harness.engine.linking)")
            return
        }
        #expect(FileManager.default.isExecutableFile(atPath: linker))
        #expect(harness.engine.compilerExecutable.hasSuffix("/swift-frontend"))
        #expect(harness.run("struct Point { var x: Int }\nvar points = [Point(x: 1)]").report.succeeded)
        let later = harness.run("points.append(Point(x: 2))\nprint(points.map(\\.x))")
        #expect(later.report.succeeded)
        #expect(later.stdout == "[1, 2]\n")
    }

    /// The host does not load RegexBuilder: the cell's library loads only when the object's
    /// autolink entries (`-lswiftRegexBuilder`) are linked.
    @Test func aCellLinksTheLibrariesItsImportsAutolink() throws {
        let harness = try EngineHarness()
        let cell = harness.run(
            "import RegexBuilder\nlet pattern = Regex { OneOrMore(\"ab\") }\nprint(\"xxababyy\".contains(pattern))")
        #expect(cell.report.succeeded, "\(cell.report.message)")
        #expect(cell.stdout == "true\n")
        if case .driver(let reason) = harness.engine.linking { Issue.record("fell back to the driver: \(reason)") }
    }

    /// A compiler whose driver cannot print its commands (`-###` fails): the engine says why and
    /// links every cell through the driver.
    @Test func withoutADerivedCommandCellsLinkThroughTheDriver() throws {
        let real = try NotebookToolchain.locate()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("no-dry-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let wrapper = folder.appendingPathComponent("swiftc").path
        let script = """
            #!/bin/sh
            for argument in "$@"; do
                if [ "$argument" = "-###" ]; then echo "this driver does not print commands" >&2; exit 1; fi
            done
            exec '\(real.swiftc)' "$@"

            """
        try NotebookBinary.writeExecutable(script, to: wrapper)
        let toolchain = NotebookToolchain(
            swiftc: wrapper, runtimeDirectory: real.runtimeDirectory, fingerprint: real.fingerprint)
        let harness = try EngineHarness(toolchain: toolchain)
        guard case .driver(let reason) = harness.engine.linking else {
            Issue.record("expected the driver, got \(harness.engine.linking)")
            return
        }
        #expect(reason.contains("cannot derive"))
        #expect(reason.contains("this driver does not print commands"))
        #expect(harness.engine.compilerExecutable == wrapper)
        #expect(harness.run("let base = 40\nfunc answer() -> Int { base + 2 }").report.succeeded)
        #expect(harness.run("print(answer())").stdout == "42\n")
    }

    /// The driver and `clang` quote a runtime folder with a blank and a quote in its name; the
    /// derived command must unquote it (or the runtime library would not be found).
    @Test func aRuntimeFolderWithBlanksAndQuotesSurvivesTheDerivation() throws {
        let real = try NotebookToolchain.locate()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("link-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let runtime = folder.appendingPathComponent("the runtime's \"folder\"").path
        try FileManager.default.createSymbolicLink(atPath: runtime, withDestinationPath: real.runtimeDirectory)
        let toolchain = NotebookToolchain(swiftc: real.swiftc, runtimeDirectory: runtime, fingerprint: real.fingerprint)
        let harness = try EngineHarness(toolchain: toolchain)
        guard case .direct = harness.engine.linking else {
            Issue.record("expected the derived linker command, got \(harness.engine.linking)")
            return
        }
        #expect(harness.run("let shape = [2, 3]").report.succeeded)
        #expect(harness.run("print(Tensor(shape: shape, repeating: 1).shape)").stdout == "[2, 3]\n")
    }

    @Test func theConfigurationOrTheEnvironmentCanAskForTheDriver() throws {
        let toolchain = try NotebookToolchain.locate()
        #expect(!CellEngine.Configuration(toolchain: toolchain, environment: [:]).usesDriver)
        #expect(
            CellEngine.Configuration(
                toolchain: toolchain, environment: [CellEngine.Configuration.driverVariable: "driver"]
            )
            .usesDriver)
        let harness = try EngineHarness(usesDriver: true)
        #expect(harness.engine.linking == .driver(reason: "the engine's configuration asks for it"))
        #expect(harness.engine.compilerExecutable == toolchain.swiftc)
        #expect(harness.run("var total = 1").report.succeeded)
        #expect(harness.run("total += 1\nprint(total)").stdout == "2\n")
    }
}
