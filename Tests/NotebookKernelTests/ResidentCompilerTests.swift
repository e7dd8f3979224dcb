import Foundation
import NotebookExecution
import NotebookKernel
import NotebookTestSupport
import Testing

/// Cells compile in one long-lived compiler process (`notebook-cell-compiler`), which an
/// interrupt or a time limit kills with the compile; without it (not built, broken, or not asked
/// for) each cell compiles in a new frontend process, and the engine says why.
@Suite("Cell engine: the resident compiler")
struct ResidentCompilerTests {
    @Test func cellsCompileInOneResidentProcessAndSeeEarlierCells() throws {
        let harness = try EngineHarness()
        guard case .resident(let helper) = harness.engine.compiling else {
            Issue.record("expected the resident compiler, got \(harness.engine.compiling)")
            return
        }
        #expect(helper.hasSuffix("/notebook-cell-compiler"))
        let helpers = Self.residentCompilers(of: harness.engine)
        #expect(helpers.count == 1)
        #expect(harness.run("struct Point { var x: Int }\nvar points = [Point(x: 1)]").report.succeeded)
        let later = harness.run("points.append(Point(x: 2))\nprint(points.map(\\.x))")
        #expect(later.report.succeeded, "\(later.report.message)")
        #expect(later.stdout == "[1, 2]\n")
        let failed = harness.run("let a = 1\nlet b: String = a", line: 40).report
        #expect(failed.status == .compileFailed)
        let error = try #require(failed.diagnostics.first { $0.severity == .error })
        #expect(error.location?.file == "notes.md")
        #expect(error.location?.line == 41)
        #expect(error.message.contains("cannot convert value of type 'Int'"))
        #expect(harness.run("print(points.count)").stdout == "2\n")
        #expect(Self.residentCompilers(of: harness.engine) == helpers, "every cell compiled in the same process")
        #expect(harness.engine.compiling == .resident(helper: helper))
    }

    /// A compile that takes long (here: many lines the type checker needs ~10 ms each for) stops
    /// at an interrupt and at the cell's time limit, with the resident process; the next cell
    /// compiles in a new one and sees the cells before.
    @Test func anInterruptOrATimeLimitStopsTheResidentCompile() throws {
        let harness = try EngineHarness()
        #expect(harness.run("let base = 7").report.succeeded)
        let first = Self.residentCompilers(of: harness.engine)
        #expect(first.count == 1)
        let slowCell = (0..<3000).map { "let slow\($0) = (0..<10).map { Double($0) * \($0).5 }" }.joined(
            separator: "\n")

        let engine = harness.engine
        let interrupter = Thread {
            Thread.sleep(forTimeInterval: 1)
            engine.interrupt()
        }
        let started = Date()
        interrupter.start()
        let interrupted = harness.run(slowCell).report
        #expect(interrupted.status == .interrupted)
        #expect(interrupted.message.contains("interrupted while it compiled"), "\(interrupted.message)")
        #expect(Date().timeIntervalSince(started) < 15)
        for pid in first { #expect(NotebookBinary.waitForDeath(of: pid), "the resident compiler is stopped") }

        let timedOut = harness.run(slowCell, timeout: .seconds(1)).report
        #expect(timedOut.status == .timedOut)
        #expect(timedOut.message.contains("compiling the cell ran past its time limit"), "\(timedOut.message)")

        let after = harness.run("print(base)")
        #expect(after.stdout == "7\n", "\(after.report.message)")
        #expect(Self.residentCompilers(of: harness.engine).count == 1)
        guard case .resident = harness.engine.compiling else {
            Issue.record("a stopped compile is no failure of the resident compiler: \(harness.engine.compiling)")
            return
        }
    }

    /// Without the helper next to the runtime, the engine says so and compiles each cell in a new
    /// frontend process.
    @Test func withoutTheHelperEachCellCompilesInANewProcess() throws {
        let (toolchain, folder) = try Self.runtimeCopy(helper: nil)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let harness = try EngineHarness(toolchain: toolchain)
        guard case .process(let reason) = harness.engine.compiling else {
            Issue.record("expected a process per cell, got \(harness.engine.compiling)")
            return
        }
        #expect(reason.contains("did not start"), "\(reason)")
        #expect(reason.contains("notebook-cell-compiler"), "\(reason)")
        #expect(harness.run("let base = 40\nfunc answer() -> Int { base + 2 }").report.succeeded)
        #expect(harness.run("print(answer())").stdout == "42\n")
    }

    /// A helper that dies during a compile: the cell compiles in a new frontend process, and so
    /// do the cells after it; the engine says why.
    @Test func aResidentCompilerThatDiesFallsBackToANewProcess() throws {
        // Ready at once, then gone at the first request (after the prelude's).
        let script = """
            #!/bin/bash
            printf 'ready\\n\\0'
            exit 3

            """
        let (toolchain, folder) = try Self.runtimeCopy(helper: script)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let harness = try EngineHarness(toolchain: toolchain)
        guard case .process(let reason) = harness.engine.compiling else {
            Issue.record("expected a process per cell, got \(harness.engine.compiling)")
            return
        }
        #expect(reason.contains("failed on the prelude"), "\(reason)")
        #expect(harness.run("var total = 1").report.succeeded)
        #expect(harness.run("total += 1\nprint(total)").stdout == "2\n")
    }

    @Test func theEnvironmentCanAskForANewProcessPerCell() throws {
        let toolchain = try NotebookToolchain.locate()
        #expect(CellEngine.Configuration(toolchain: toolchain, environment: [:]).usesResidentCompiler)
        for tools in ["frontend", "driver"] {
            let configuration = CellEngine.Configuration(
                toolchain: toolchain, environment: [CellEngine.Configuration.driverVariable: tools])
            #expect(!configuration.usesResidentCompiler)
        }
        let harness = try EngineHarness(configure: { $0.usesResidentCompiler = false })
        #expect(harness.engine.compiling == .process(reason: "the engine's configuration asks for it"))
        #expect(harness.engine.compilerExecutable.hasSuffix("/swift-frontend"))
        #expect(harness.run("var total = 1").report.succeeded)
        #expect(harness.run("total += 1\nprint(total)").stdout == "2\n")
    }

    /// The resident compilers of `engine`: the processes whose standard error is its log.
    static func residentCompilers(of engine: CellEngine) -> [Int32] {
        let log = engine.directory + "/resident-compiler.log"
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/2")) == log
        }.sorted()
    }

    /// A runtime folder whose entries link to the real one's, with `helper` (a script) as
    /// `notebook-cell-compiler`, or none.
    static func runtimeCopy(helper: String?) throws -> (NotebookToolchain, String) {
        let real = try NotebookToolchain.locate()
        let folder = FileManager.default.temporaryDirectory.path + "/kernel-runtime-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for entry in try FileManager.default.contentsOfDirectory(atPath: real.runtimeDirectory)
        where entry != "notebook-cell-compiler" {
            try FileManager.default.createSymbolicLink(
                atPath: folder + "/" + entry, withDestinationPath: real.runtimeDirectory + "/" + entry)
        }
        if let helper {
            try NotebookBinary.writeExecutable(helper, to: folder + "/notebook-cell-compiler")
        }
        return (NotebookToolchain(swiftc: real.swiftc, runtimeDirectory: folder, fingerprint: real.fingerprint), folder)
    }
}
