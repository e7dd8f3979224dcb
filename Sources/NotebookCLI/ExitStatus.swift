import ArgumentParser

/// The exit statuses of every command, in one table (sysexits-style codes from 64 up). `--help`
/// prints it (``helpSection``) and the README shows it.
enum ExitStatus: Int32, CaseIterable {
    /// Every notebook ran (or checked) without an unexpected failure.
    case ok = 0
    /// A cell failed (compile error, crash, timeout, uncaught error) without `error: true`.
    case cellFailed = 1
    /// The command line is wrong: an unknown flag, a `-p` that no notebook declares.
    case usage = 64
    /// A notebook cannot be read or is invalid: no such file, bad front matter, a bad cell option.
    case invalidInput = 65
    /// The Swift compiler or the notebook runtime is missing, or cannot be started.
    case toolMissing = 69
    /// Something went wrong inside the runner itself.
    case internalError = 70
    /// A report, a result or a temporary file cannot be written.
    case cannotWrite = 73

    /// What the status tells the caller.
    var meaning: String {
        switch self {
        case .ok: "ok"
        case .cellFailed: "a cell failed"
        case .usage: "usage error (a flag or a -p parameter)"
        case .invalidInput: "bad input (a notebook cannot be read or is invalid)"
        case .toolMissing: "a required tool is missing (swiftc, the notebook runtime)"
        case .internalError: "internal error"
        case .cannotWrite: "cannot write an output file"
        }
    }

    /// The table as every command's `--help` shows it.
    static let helpSection =
        "Exit status: " + allCases.map { "\($0.rawValue) \($0.meaning)" }.joined(separator: "; ") + "."
}

extension ExitCode {
    /// The exit code of a status of the table.
    init(_ status: ExitStatus) {
        self.init(status.rawValue)
    }
}
