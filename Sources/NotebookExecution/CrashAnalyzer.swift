import Foundation
import NotebookDocument

/// Turns a crashed notebook process's standard error and JSON backtrace into a failure a user
/// can act on: the message, the kind, and the Markdown line.
package enum CrashAnalyzer {
    struct Analysis {
        var failure: CellFailure
        /// The cell's standard error with the crash report lines taken out.
        var remainingStandardError: String
    }

    private static let messageMarkers = [
        "Fatal error:", "Precondition failed:", "Assertion failed:", "Swift runtime failure:",
    ]

    static func analyze(
        standardError: String, backtraceFile: String, notebookPath: String, termination: ChildProcess.Termination,
        memoryLimited: Bool
    ) -> Analysis {
        var kept: [Substring] = []
        var message: String?
        var location: SourceLocation?
        for line in standardError.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("*** Signal ") || line.hasPrefix("💣 ") || line.contains("Backtracing from") {
                continue
            }
            if message == nil, let marker = messageMarkers.first(where: { line.contains($0) }),
                let range = line.range(of: marker)
            {
                let prefix = line[..<range.lowerBound].dropLast(line[..<range.lowerBound].hasSuffix(": ") ? 2 : 0)
                message = String(line[range.lowerBound...])
                location = Self.location(inPrefix: prefix, notebookPath: notebookPath)
                continue
            }
            kept.append(line)
        }
        while kept.last?.isEmpty == true { kept.removeLast() }
        let backtrace = Backtrace.read(backtraceFile, notebookPath: notebookPath)
        if location == nil { location = backtrace.location }
        if message == nil { message = backtrace.runtimeFailure }
        var kind = CellFailure.Kind.crash
        if let text = message, text.contains("Error raised at top level") {
            kind = .uncaughtError
            message =
                "uncaught error: "
                + text.components(separatedBy: "Error raised at top level:").last!
                .trimmingCharacters(in: .whitespaces)
        }
        if message == nil, kind == .crash, backtrace.isStackOverflow,
            termination == .signalled(SIGSEGV) || termination == .signalled(SIGBUS)
        {
            // Checked before the memory limit: a full stack is not a full heap.
            return Analysis(
                failure: CellFailure(kind: .stackOverflow, message: stackOverflowMessage(), location: location),
                remainingStandardError: kept.joined(separator: "\n"))
        }
        if message == nil {
            switch termination {
            case .signalled(let signal): message = "the process was ended by signal \(signal) (\(signalName(signal)))"
            case .exited(let status): message = "the program exited with status \(status) before the cell finished"
            case .killed: message = "the process was stopped"
            }
        }
        var signal: Int32?
        if case .signalled(let number) = termination { signal = number }
        if memoryLimited, kind == .crash, Self.suggestsMemoryExhaustion(text: message!, signal: signal) {
            kind = .memoryLimit
            message = "the cell ran out of memory (memory limit reached): " + message!
        }
        return Analysis(
            failure: CellFailure(kind: kind, message: message!, location: location),
            remainingStandardError: kept.joined(separator: "\n"))
    }

    /// Whether a crash under a memory limit looks like the limit was reached: the text (a crash
    /// message, the end of standard error) speaks of allocation or memory, or a signal that an
    /// allocation failure or the kernel ends a process with (SIGKILL, SIGSEGV, SIGABRT).
    package static func suggestsMemoryExhaustion(text: String, signal: Int32?) -> Bool {
        text.contains("alloc") || text.contains("memory") || [SIGKILL, SIGSEGV, SIGABRT].contains(signal ?? 0)
    }

    /// What a stack overflow message says: the cause, the size of the stack, and what to do.
    package static func stackOverflowMessage() -> String {
        var limit = rlimit()
        let size =
            getrlimit(Int32(RLIMIT_STACK.rawValue), &limit) == 0 && limit.rlim_cur != rlim_t.max
            ? "\(limit.rlim_cur >> 20) MiB on the main thread" : "a limited size"
        return "the cell's code recursed too deeply (or put too large a value on the stack), "
            + "and the thread's stack (\(size)) ran out. Look for a recursion without a base case, or turn it into a loop"
    }

    /// `notes.md:12` or `NotebookProgram/notes.md:12` before the marker.
    private static func location(inPrefix prefix: Substring, notebookPath: String) -> SourceLocation? {
        guard let colon = prefix.lastIndex(of: ":"), let line = Int(prefix[prefix.index(after: colon)...]) else {
            return nil
        }
        let file = String(prefix[..<colon])
        let name = (notebookPath as NSString).lastPathComponent
        guard file == notebookPath || file.hasSuffix("/" + name) || file == name else { return nil }
        return SourceLocation(file: notebookPath, line: line)
    }

    /// The signal's name and what it usually means for a cell.
    package static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGILL: "SIGILL: a Swift runtime check failed"
        case SIGTRAP: "SIGTRAP: a Swift runtime check failed"
        case SIGSEGV: "SIGSEGV: invalid memory access"
        case SIGBUS: "SIGBUS: invalid memory access"
        case SIGABRT: "SIGABRT: aborted"
        case SIGKILL: "SIGKILL: killed"
        case SIGFPE: "SIGFPE: arithmetic error"
        case SIGXFSZ: "SIGXFSZ: a file (or the cell's output) grew past the file-size limit; raise --file-size-limit"
        default: "signal \(signal)"
        }
    }
}
