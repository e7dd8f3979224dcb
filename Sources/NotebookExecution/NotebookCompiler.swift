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
        /// Whether the compiler was stopped at the deadline (then nothing compiled).
        var timedOut = false
    }

    let toolchain: NotebookToolchain
    /// When the compiler is stopped if it is still running (a type-checking bomb must not hold
    /// a render past the notebook's time limit); nil: no limit.
    var deadline: Date?

    /// Compiles `plan` in `directory` (which must exist); the executable is `directory/notebook`.
    func compile(_ plan: ProgramPlan, in directory: String) throws(ChildProcess.LaunchError) -> Outcome {
        let executable = directory + "/notebook"
        let log = directory + "/compile.log"
        let started = Date()
        let sources: [String]
        do {
            sources = try plan.write(into: directory)
        } catch {
            throw ChildProcess.LaunchError(
                executable: toolchain.swiftc, reason: "cannot write the program into \(directory): \(error)")
        }
        let process = try ChildProcess(
            executable: toolchain.swiftc, arguments: toolchain.compilerArguments(sources: sources, output: executable),
            environment: ProcessInfo.processInfo.environment, workingDirectory: nil, standardOutput: log,
            standardError: log)
        let deadline = self.deadline
        let termination = process.wait { deadline.map { Date() > $0 } ?? false }
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        let succeeded = termination == .exited(0) && FileManager.default.fileExists(atPath: executable)
        return Outcome(
            executable: succeeded ? executable : nil, diagnostics: DiagnosticParser.parse(output), output: output,
            seconds: Date().timeIntervalSince(started), timedOut: termination == .killed)
    }
}
