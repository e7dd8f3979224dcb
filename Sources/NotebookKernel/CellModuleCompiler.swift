import Foundation
import NotebookDocument
import NotebookExecution

/// Compiles one cell as the main file of its own module and links it as a shared library.
///
/// `swiftc -frontend -c` keeps script semantics (the driver's `-emit-library` would force
/// `-parse-as-library`): top-level `let`/`var`/`func`/types become globals of module `CellN`, and
/// `-enable-testing` lets later cells reach them through `@testable import CellN`. The entry
/// point is named `nb_<module>` so that one process can load many cells. The cell is compiled by
/// the ``ResidentCompiler`` when there is one (else, or when it is unavailable, by a new
/// `swift-frontend` process). The library is linked by running the linker directly with a
/// ``CellLinkCommand`` when there is one, else (or when that fails) through `swiftc -emit-library`.
struct CellModuleCompiler {
    /// A compiled cell.
    struct Library {
        /// The module name (`Cell7`).
        var module: String
        /// The shared library's path.
        var path: String
        /// The entry point's symbol.
        var symbol: String
    }

    /// The result of compiling one cell.
    struct Outcome {
        /// The library, when compiling and linking succeeded.
        var library: Library?
        /// Every diagnostic, mapped to the notebook's lines.
        var diagnostics: [Diagnostic]
        /// The compiler's whole output.
        var output: String
        /// Seconds spent compiling (frontend) and linking.
        var compileSeconds: Double
        var linkSeconds: Double
        /// What the direct link printed when it failed (the driver then linked the cell).
        var directLinkFailure: String?
        /// Why the resident compiler could not compile the cell (a new frontend process then did).
        var residentFailure: String?
        /// Whether the compile or the link was stopped (see ``compile(source:module:shouldStop:)``).
        var stopped = false
    }

    let toolchain: NotebookToolchain
    /// The folder of the cells' sources, modules and libraries.
    let directory: String
    /// The linker command to run for each cell; nil: link through the driver.
    var linkCommand: CellLinkCommand?
    /// The executable that runs `-frontend` jobs: the frontend itself (~0.02 s less a cell than
    /// the driver, which starts it; see ``frontendExecutable(toolchain:directory:)``); nil: the driver.
    var frontend: String?
    /// The long-lived compiler process; nil: a new process compiles each cell.
    var resident: ResidentCompiler?

    /// Frontend flags that only turn off the compiler's checks of its own intermediate code (SIL
    /// and LLVM IR verification, ~3% of a cell's compile): they change no program's meaning.
    static let verifierFlags = ["-sil-verify-none", "-disable-llvm-verify"]

    /// Compiles `source` as module `module`, importing `imports` (modules in `directory`).
    /// `shouldStop` is asked about every 20 ms while the compiler or the linker runs: when it
    /// says yes (an interrupt, the cell's time limit), they are stopped and nothing is built.
    func compile(source: String, module: String, shouldStop: () -> Bool = { false }) -> Outcome {
        let sourcePath = "\(directory)/\(module).swift"
        let object = "\(directory)/\(module).o"
        let library = "\(directory)/lib\(module).so"
        let symbol = "nb_\(module)"
        let log = "\(directory)/\(module).log"
        do {
            try source.write(toFile: sourcePath, atomically: true, encoding: .utf8)
        } catch {
            return Outcome(
                library: nil,
                diagnostics: [Diagnostic(severity: .error, message: "cannot write \(sourcePath): \(error)")],
                output: "", compileSeconds: 0, linkSeconds: 0, directLinkFailure: nil)
        }
        let compileStart = ContinuousClock.now
        // The driver's arguments (the resident compiler's) and the frontend's differ only in
        // spelling: frontend-only flags go through `-Xfrontend` for the driver.
        let common = [
            "-c", sourcePath, "-module-name", module, "-Onone", "-gline-tables-only", "-swift-version", "5",
            "-enable-testing", "-I", toolchain.runtimeDirectory + "/Modules", "-I", directory,
            "-emit-module-path", "\(directory)/\(module).swiftmodule", "-o", object,
        ]
        let frontendOnly = ["-entry-point-function-name", symbol] + (frontend != nil ? Self.verifierFlags : [])
        var compiled = Step.failed
        var compileOutput = ""
        var residentFailure: String?
        // Without a source-info file (which the driver would add), a candidate's note names it
        // (`Cell3.x`) as the frontend's modules make it do (see `ShadowedDeclarations`).
        let driverOnly = ["-avoid-emit-module-source-info"]
        switch resident?.compile(
            arguments: common + driverOnly + frontendOnly.flatMap { ["-Xfrontend", $0] }, shouldStop: shouldStop)
        {
        case .compiled(let succeeded, let output)?:
            (compiled, compileOutput) = (succeeded ? .succeeded : .failed, output)
        case .stopped?: compiled = .stopped
        case .unavailable(let reason)?: residentFailure = reason
        case nil: break
        }
        if resident == nil || residentFailure != nil {
            (compiled, compileOutput) = run(
                frontend ?? toolchain.swiftc, ["-frontend"] + common + frontendOnly + ["-diagnostic-style", "llvm"],
                log: log, shouldStop: shouldStop)
        }
        let compileSeconds = seconds(since: compileStart)
        guard compiled == .succeeded else {
            return Outcome(
                library: nil, diagnostics: DiagnosticParser.parse(compileOutput), output: compileOutput,
                compileSeconds: compileSeconds, linkSeconds: 0, directLinkFailure: nil,
                residentFailure: residentFailure,
                stopped: compiled == .stopped)
        }
        // Earlier cells are not linked: the host loads every library with RTLD_GLOBAL, so their
        // symbols resolve at load time (and a recompiled earlier cell never leaves a stale link).
        let linkStart = ContinuousClock.now
        var directLinkFailure: String?
        var linked = Step.failed
        var linkOutput = ""
        if let linkCommand {
            if let entries = AutolinkEntries.read(objectAt: object) {
                let arguments = linkCommand.arguments(object: object, output: library, autolinkEntries: entries)
                (linked, linkOutput) = run(linkCommand.linker, arguments, log: log, shouldStop: shouldStop)
                if linked == .failed { directLinkFailure = "\(linkCommand.linker) failed: \(linkOutput)" }
            } else {
                directLinkFailure = "cannot read the autolink entries of \(object)"
            }
        }
        if linked == .failed {
            (linked, linkOutput) = run(
                toolchain.swiftc, Self.driverLinkArguments(object: object, output: library, toolchain: toolchain),
                log: log, shouldStop: shouldStop)
        }
        let succeeded = linked == .succeeded
        return Outcome(
            library: succeeded ? Library(module: module, path: library, symbol: symbol) : nil,
            diagnostics: succeeded ? DiagnosticParser.parse(compileOutput) : DiagnosticParser.parse(linkOutput),
            output: compileOutput + linkOutput, compileSeconds: compileSeconds, linkSeconds: seconds(since: linkStart),
            directLinkFailure: directLinkFailure, residentFailure: residentFailure, stopped: linked == .stopped)
    }

    /// The frontend the driver runs for a compile job (`swiftc -### -c`: its first command, the
    /// `swift-frontend` of the toolchain), or the driver itself when that cannot be found.
    static func frontendExecutable(toolchain: NotebookToolchain, directory: String) -> String {
        let source = "\(directory)/frontend-probe.swift"
        guard FileManager.default.createFile(atPath: source, contents: Data()) else { return toolchain.swiftc }
        let printed = CellLinkCommand.dryRun(
            toolchain.swiftc, ["-###", "-c", source, "-o", "\(directory)/frontend-probe.o"],
            log: "\(directory)/frontend-probe")
        guard printed.succeeded,
            let first = printed.output.split(separator: "\n").first.flatMap({ ShellWords.split(String($0)) }),
            first.count > 1, first[1] == "-frontend", first[0].hasSuffix("swift-frontend"),
            FileManager.default.isExecutableFile(atPath: first[0])
        else { return toolchain.swiftc }
        return first[0]
    }

    /// The driver's arguments that link `object` into the shared library `output` against the runtime.
    static func driverLinkArguments(object: String, output: String, toolchain: NotebookToolchain) -> [String] {
        [
            "-emit-library", object, "-o", output, "-L", toolchain.runtimeDirectory, "-lNotebookRuntime",
            "-Xlinker", "-rpath", "-Xlinker", toolchain.runtimeDirectory,
        ]
    }

    /// How running the compiler or the linker ended.
    private enum Step {
        case succeeded
        case failed
        /// `shouldStop` said yes: it was killed.
        case stopped
    }

    private func run(_ executable: String, _ arguments: [String], log: String, shouldStop: () -> Bool) -> (
        Step, output: String
    ) {
        do {
            let process = try ChildProcess(
                executable: executable, arguments: arguments, environment: ProcessInfo.processInfo.environment,
                workingDirectory: nil, standardOutput: log, standardError: log, isTrustedTool: true)
            let termination = process.wait(shouldStop: shouldStop)
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            switch termination {
            case .exited(0): return (.succeeded, output)
            case .killed: return (.stopped, output)
            default: return (.failed, output)
            }
        } catch {
            return (.failed, "error: \(error)")
        }
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
