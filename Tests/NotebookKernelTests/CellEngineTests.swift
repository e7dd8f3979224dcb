import Foundation
import NotebookDocument
import NotebookExecution
import NotebookKernel
import NotebookOutput
import NotebookTestSupport
import Testing

@Suite("Cell engine: one module per cell, state kept")
struct CellEngineTests {
    @Test func laterCellsSeeAndMutateEarlierDeclarations() throws {
        let harness = try EngineHarness()
        #expect(
            harness.run("var count = 41\nfunc bump() { count += 1 }\nstruct Box { var value = 2 }").report.succeeded)
        let second = harness.run("bump()\nprint(count + Box().value)")
        #expect(second.report.succeeded)
        #expect(second.stdout == "44\n")
        #expect(harness.engine.history.count == 2)
    }

    @Test func lastExpressionIsShownAsTheResult() throws {
        let harness = try EngineHarness()
        harness.run("let x = 20")
        harness.run("x * 2 + 2")
        #expect(harness.records == [.result(.text("42"))])
    }

    @Test func displayWritesRichOutputs() throws {
        let harness = try EngineHarness()
        harness.run("display(table: [[\"a\", 1]], columns: [\"name\", \"value\"])")
        #expect(harness.records == [.display(.table(Table(columns: ["name", "value"], rows: [["a", "1"]])))])
    }

    @Test func aTrappingCellKeepsEveryEarlierVariable() throws {
        let harness = try EngineHarness()
        harness.run("var kept = [1, 2, 3]")
        let crash = harness.run("kept.append(4)\nprint(\"before\")\nprint(kept[10])", line: 12)
        #expect(
            crash.report.status == .crashed(signal: SIGILL, exitCode: nil)
                || crash.report.status == .crashed(signal: SIGTRAP, exitCode: nil))
        #expect(crash.stdout == "before\n")
        #expect(harness.standardError.contains("Index out of range"))
        let next = harness.run("print(kept)")
        #expect(next.report.succeeded)
        #expect(next.stdout == "[1, 2, 3]\n")
    }

    @Test func exitAndTimeoutAndInterruptKeepTheState() throws {
        let harness = try EngineHarness()
        harness.run("let base = 7")
        #expect(harness.run("exit(3)").report.status == .crashed(signal: nil, exitCode: 3))
        let slow = harness.run("while true { usleep(1000) }", timeout: .milliseconds(500))
        #expect(slow.report.status == .timedOut)
        let engine = harness.engine
        let interrupter = Thread {
            Thread.sleep(forTimeInterval: 0.8)
            engine.interrupt()
        }
        interrupter.start()
        #expect(harness.run("while true { usleep(1000) }").report.status == .interrupted)
        #expect(harness.run("print(base)").stdout == "7\n")
    }

    /// A compile that does not end (what an expression the type checker cannot solve does to
    /// swiftc; here a compiler that sleeps on a marked cell) stops at the cell's time limit and
    /// at an interrupt, with the compiler's process; the state of the cells before is kept.
    @Test func aCompileThatDoesNotEndStopsAtTheLimitAndAtAnInterrupt() throws {
        let real = try NotebookToolchain.locate()
        let folder = FileManager.default.temporaryDirectory.path + "/kernel-slow-compiler-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let wrapper = folder + "/swiftc"
        let script = """
            #!/bin/sh
            for argument in "$@"; do
              case "$argument" in
                *.swift) if grep -q HANG_THE_COMPILER "$argument" 2>/dev/null; then echo $$ > '\(folder)/pid'; exec sleep 300; fi ;;
              esac
            done
            exec '\(real.swiftc)' "$@"

            """
        try NotebookBinary.writeExecutable(script, to: wrapper)
        let toolchain = NotebookToolchain(
            swiftc: wrapper, runtimeDirectory: real.runtimeDirectory, fingerprint: real.fingerprint)
        let harness = try EngineHarness(toolchain: toolchain, usesDriver: true)
        #expect(harness.run("let base = 7").report.succeeded)

        let started = Date()
        let slow = harness.run("// HANG_THE_COMPILER\nprint(1)", timeout: .seconds(2)).report
        #expect(slow.status == .timedOut)
        #expect(slow.message.contains("compiling the cell ran past its time limit"), "\(slow.message)")
        #expect(Date().timeIntervalSince(started) < 60)
        let compiler = try #require(NotebookBinary.waitForPID(in: folder + "/pid", seconds: 1))
        #expect(NotebookBinary.waitForDeath(of: compiler), "the compiler is stopped with the cell")

        let engine = harness.engine
        let interrupter = Thread {
            Thread.sleep(forTimeInterval: 1)
            engine.interrupt()
        }
        interrupter.start()
        let interrupted = harness.run("// HANG_THE_COMPILER\nprint(2)").report
        #expect(interrupted.status == .interrupted)
        #expect(interrupted.message.contains("interrupted while it compiled"))
        #expect(harness.run("print(base)").stdout == "7\n")
    }

    @Test func compileErrorsPointAtTheNotebookLine() throws {
        let harness = try EngineHarness()
        let report = harness.run("let a = 1\nlet b: String = a", line: 30).report
        #expect(report.status == .compileFailed)
        let error = try #require(report.diagnostics.first { $0.severity == .error })
        #expect(error.location?.file == "notes.md")
        #expect(error.location?.line == 31)
    }

    @Test func aNameDeclaredAgainShadowsTheEarlierOne() throws {
        let harness = try EngineHarness()
        harness.run("var x = 1\nfunc f() -> Int { 1 }\nstruct P { var a = 1 }")
        harness.run("var x = \"two\"\nfunc f() -> Int { 2 }\nstruct P { var b = 2 }")
        let third = harness.run("print(x, f(), P().b)")
        #expect(third.report.succeeded, "\(third.report.message)")
        #expect(third.stdout == "two 2 2\n")
    }

    @Test func topLevelGuardBindingIsExplained() throws {
        let harness = try EngineHarness()
        harness.run("let maybe: Int? = 3\nguard let value = maybe else { fatalError() }", line: 5)
        let report = harness.run("print(value)", line: 9).report
        #expect(report.status == .compileFailed)
        let note = try #require(report.diagnostics.first?.notes.first { $0.message.contains("top-level 'guard'") })
        #expect(note.location?.line == 6)
    }

    @Test func restoreGoesBackToTheStateAfterAnEarlierCell() throws {
        let harness = try EngineHarness()
        harness.run("var log: [String] = []")
        harness.run("log.append(\"a\")")
        harness.run("log.append(\"b\")")
        harness.engine.restore(keepingFirst: 2)
        #expect(harness.run("print(log)").stdout == "[\"a\"]\n")
        harness.engine.restore(keepingFirst: 1)
        #expect(harness.run("print(log)").stdout == "[]\n")
    }

    @Test func parametersAreGlobalsOfThePrelude() throws {
        let harness = try EngineHarness(parameters: [Parameter(name: "epochs", value: .int(5), line: 3)])
        #expect(harness.run("print(epochs * 2)").stdout == "10\n")
    }

    @Test func snapshotsOverTheBudgetAreDroppedOldestFirstAndReplayed() throws {
        let harness = try EngineHarness(snapshotMemoryBudget: 48 << 20)
        harness.run("var big = [UInt8](repeating: 1, count: 40 << 20)")
        harness.run("big = [UInt8](repeating: 2, count: 40 << 20)")
        harness.run("big = [UInt8](repeating: 3, count: 40 << 20)")
        #expect(harness.events.contains { if case .notice(let text) = $0 { text.contains("dropped") } else { false } })
        #expect(harness.engine.snapshotBytes <= 48 << 20)
        harness.engine.restore(keepingFirst: 1)
        #expect(harness.run("print(big[0])").stdout == "1\n")
    }

    @Test func openBLASProductsWorkAcrossSnapshots() throws {
        let harness = try EngineHarness()
        let code = """
            let a = Tensor((0..<512).map { row in (0..<512).map { Float((row + $0) % 7) } })
            let before = matmul(a, a).scalars.reduce(0, +)
            """
        #expect(harness.run(code).report.succeeded)
        let after = harness.run("print(matmul(a, a).scalars.reduce(0, +) == before)")
        #expect(after.stdout == "true\n", "\(after.report.message)")
    }
}

/// Cells can write the host's status lines too (file descriptor 3): a `done` line the worker did
/// not write fails the cell instead of ending it early as a success, and a process id in a line
/// is checked before the engine signals it, so a cell cannot make the engine kill a process that
/// is not the host's.
@Suite("Cell engine: forged status lines")
struct ForgedStatusTests {
    @Test func aForgedDoneFailsTheCellAndNeverGetsAnOutsideProcessKilled() throws {
        let victim = Process()
        victim.executableURL = URL(fileURLWithPath: "/bin/sleep")
        victim.arguments = ["60"]
        try victim.run()
        defer {
            kill(victim.processIdentifier, SIGKILL)
            victim.waitUntilExit()
        }
        let harness = try EngineHarness()
        let forged = harness.run(
            """
            import Glibc
            for index in 0..<8 {
                let line = "done Cell\\(index) \(victim.processIdentifier)\\nworker \(victim.processIdentifier)\\n"
                _ = write(3, line, line.utf8.count)
            }
            """)
        // The forging cell is not reported as finished; the state is that of before it.
        #expect(!forged.report.succeeded)
        #expect(forged.report.message.contains("wrote the cell host's status lines itself"), "\(forged.report.message)")
        #expect(harness.run("print(1)").stdout == "1\n")
        harness.engine.restore(keepingFirst: 0)
        #expect(harness.run("print(2)").stdout == "2\n")
        harness.engine.shutdown()
        usleep(200_000)
        #expect(victim.isRunning, "the engine killed a process named in a forged status line")
    }
}
