/// One status line from the cell host (file descriptor 3), parsed.
enum HostStatus: Equatable {
    /// The root process is up (after the prelude).
    case ready(pid: Int32)
    /// A worker started and waits for commands.
    case worker(pid: Int32)
    /// Cell `id` ran to its end; `snapshot` is the process holding the state after it (0: none).
    case done(id: String, snapshot: Int32)
    /// A command could not be carried out (a library that does not load, a failed fork).
    case failed(id: String, reason: String)
    /// The worker running cell `id` faulted just below its stack pointer: its stack overflowed
    /// (it ends by SIGSEGV or SIGBUS next).
    case stackOverflow(id: String)
    /// A worker ended: by `signal`, or with `exitCode`.
    case ended(pid: Int32, signal: Int32?, exitCode: Int32?)

    /// Parses one line; nil for a line the engine does not know.
    init?(line: Substring) {
        let words = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
        guard let verb = words.first else { return nil }
        switch verb {
        case "ready":
            guard words.count >= 2, let pid = Int32(words[1]) else { return nil }
            self = .ready(pid: pid)
        case "worker":
            guard words.count >= 2, let pid = Int32(words[1]) else { return nil }
            self = .worker(pid: pid)
        case "done":
            guard words.count >= 3, let pid = Int32(words[2]) else { return nil }
            self = .done(id: String(words[1]), snapshot: pid)
        case "failed":
            guard words.count >= 2 else { return nil }
            let reason = words.count > 2 ? words[2...].joined(separator: " ") : ""
            self = .failed(id: String(words[1]), reason: reason)
        case "overflow":
            guard words.count >= 2 else { return nil }
            self = .stackOverflow(id: String(words[1]))
        case "ended":
            guard words.count >= 4, let pid = Int32(words[1]), let value = Int32(words[3]) else { return nil }
            self =
                words[2] == "signal"
                ? .ended(pid: pid, signal: value, exitCode: nil) : .ended(pid: pid, signal: nil, exitCode: value)
        default:
            return nil
        }
    }
}
