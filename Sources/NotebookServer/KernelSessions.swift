import Foundation
import NotebookExecution
import NotebookKernel

/// The served notebooks' live sessions: one ``NotebookSession`` (a cell engine with its
/// snapshots) per notebook path, made on the notebook's first render and ended with the server.
final class KernelSessions: @unchecked Sendable {
    private let toolchain: NotebookToolchain
    private let options: ExecutionOptions
    private let snapshotMemoryBudget: Int
    private let lock = NSLock()
    private var sessions: [String: NotebookSession] = [:]

    /// Sessions running notebooks with `options`, each keeping at most `snapshotMemoryBudget`
    /// bytes of snapshots.
    init(toolchain: NotebookToolchain, options: ExecutionOptions, snapshotMemoryBudget: Int) {
        self.toolchain = toolchain
        self.options = options
        self.snapshotMemoryBudget = snapshotMemoryBudget
    }

    /// The session of the notebook at `path` (the report store renders one path at a time).
    func session(for path: String) -> NotebookSession {
        lock.lock()
        defer { lock.unlock() }
        if let session = sessions[path] { return session }
        let session = NotebookSession(
            toolchain: toolchain, options: options, snapshotMemoryBudget: snapshotMemoryBudget)
        sessions[path] = session
        return session
    }

    /// Ends every session's processes.
    func shutdownAll() {
        lock.lock()
        let all = Array(sessions.values)
        sessions = [:]
        lock.unlock()
        for session in all { session.shutdown() }
    }
}
