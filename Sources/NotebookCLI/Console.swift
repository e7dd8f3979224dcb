import Foundation
import NotebookExecution
import NotebookOutput
import NotebookPublishing

/// Terminal output: errors and warnings always (on standard error), progress only on a terminal
/// and when not quiet. Safe to call from several render jobs at once.
final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private let quiet: Bool
    private let interactive: Bool
    private var statusLineShown = false

    init(quiet: Bool) {
        self.quiet = quiet
        self.interactive = isatty(2) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// Prints an error or warning line (`file:line: error: ...`).
    func error(_ line: String) {
        write(line + "\n", transient: false)
    }

    /// Prints a pipeline message.
    func log(_ message: RenderPipeline.Message) {
        switch message {
        case .error(let line): error(line)
        case .info(let line): info(line)
        }
    }

    /// Prints an informational line unless quiet.
    func info(_ line: String) {
        guard !quiet else { return }
        write(line + "\n", transient: false)
    }

    /// Replaces the live status line (terminals only).
    func status(_ line: String) {
        guard !quiet, interactive else { return }
        write(line, transient: true)
    }

    private func write(_ text: String, transient: Bool) {
        lock.lock()
        defer { lock.unlock() }
        var output = ""
        if statusLineShown {
            output += "\r\u{1B}[2K"
            statusLineShown = false
        }
        if transient {
            let width = 120
            output += text.count > width ? String(text.prefix(width - 1)) + "…" : text
            statusLineShown = true
        } else {
            output += text
        }
        FileHandle.standardError.write(Data(output.utf8))
    }

    /// A progress handler for one notebook's run.
    func progressHandler(for name: String) -> (@Sendable (ExecutionEvent) -> Void)? {
        let started = Date()
        return { [self] event in
            let elapsed = String(format: "%.1fs", Date().timeIntervalSince(started))
            switch event {
            case .cached: status("\(name): cached")
            case .compiling(let cells): status("\(name): compiling \(cells) cells … \(elapsed)")
            case .cellStarted(_, let line, let number, let total):
                status("\(name): cell \(number)/\(total) (line \(line)) … \(elapsed)")
            case .progress(let progress):
                let total = progress.total.map { "/\($0)" } ?? ""
                let metrics = progress.metrics.sorted { $0.key < $1.key }
                    .map { "\($0.key) \(String(format: "%.4g", $0.value))" }.joined(separator: ", ")
                status("\(name): \(progress.label) \(progress.completed)\(total) \(metrics) … \(elapsed)")
            case .cellFinished: break
            }
        }
    }
}
