import Foundation
import NotebookDocument

/// Compiles a ``ProgramPlan`` with `swiftc` against the notebook runtime.
struct NotebookCompiler {
    /// The result of one compile.
    struct Outcome {
        /// The executable, when compiling succeeded.
        var executable: String?
        /// Every diagnostic, mapped to the Markdown where the `#sourceLocation` says so.
        var diagnostics: [Diagnostic]
        /// The compiler's whole output, for messages that point nowhere.
        var output: String
        /// Seconds spent.
        var seconds: Double
    }

    let toolchain: NotebookToolchain

    /// The compiler flags. Cells compile without optimisation (the heavy work is in the
    /// release-built runtime); Swift 5 mode lets a function mutate an earlier cell's variable.
    func arguments(source: String, output: String) -> [String] {
        let runtime = toolchain.runtimeDirectory
        return [
            "-Onone", "-gline-tables-only", "-swift-version", "5", "-diagnostic-style", "llvm",
            "-module-name", "NotebookProgram", "-I", runtime + "/Modules", "-L", runtime, "-lNotebookRuntime",
            "-Xlinker", "-rpath", "-Xlinker", runtime, source, "-o", output,
        ]
    }

    /// Compiles `plan` in `directory` (which must exist); the executable is `directory/notebook`.
    func compile(_ plan: ProgramPlan, in directory: String) throws(ChildProcess.LaunchError) -> Outcome {
        let source = directory + "/main.swift"
        let executable = directory + "/notebook"
        let log = directory + "/compile.log"
        let started = Date()
        do {
            try plan.source.write(toFile: source, atomically: true, encoding: .utf8)
        } catch {
            throw ChildProcess.LaunchError(executable: toolchain.swiftc, reason: "cannot write \(source): \(error)")
        }
        let process = try ChildProcess(
            executable: toolchain.swiftc, arguments: arguments(source: source, output: executable),
            environment: ProcessInfo.processInfo.environment, workingDirectory: nil, standardOutput: log,
            standardError: log)
        let termination = process.wait(shouldStop: { false })
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        let succeeded = termination == .exited(0) && FileManager.default.fileExists(atPath: executable)
        return Outcome(
            executable: succeeded ? executable : nil, diagnostics: DiagnosticParser.parse(output), output: output,
            seconds: Date().timeIntervalSince(started))
    }
}
