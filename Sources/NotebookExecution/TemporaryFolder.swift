import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// A run's private folder under the system's temporary directory (`notebook-run-<pid>-XXXXXX`).
///
/// Every exit path removes it: normal returns and thrown errors through ``remove()`` (callers
/// `defer` it), SIGINT/SIGTERM through ``removeAll()`` in the runner's clean-up, and a runner that
/// was killed outright (SIGKILL leaves no chance) through ``removeAbandoned()``: the next run
/// removes folders whose owning process is gone.
struct TemporaryFolder {
    /// The folder's path.
    let path: String

    private static let prefix = "notebook-run-"
    private static let lock = NSLock()
    nonisolated(unsafe) private static var live: Set<String> = []

    /// Creates a fresh folder (mode 0700).
    static func make() throws(NotebookExecutor.RunError) -> TemporaryFolder {
        let base = FileManager.default.temporaryDirectory.path
        var template = Array("\(base)/\(prefix)\(getpid())-XXXXXX".utf8CString)
        guard let pointer = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw NotebookExecutor.RunError(
                message: "cannot create a temporary folder in \(base) (\(String(cString: strerror(errno))))")
        }
        let path = String(cString: pointer)
        lock.withLock { _ = live.insert(path) }
        return TemporaryFolder(path: path)
    }

    /// Removes the folder and everything in it.
    func remove() {
        Self.delete(path)
        Self.lock.withLock { _ = Self.live.remove(path) }
    }

    /// Removes every folder still in use (the runner is exiting on a signal).
    static func removeAll() {
        let paths = lock.withLock { live }
        for path in paths { delete(path) }
    }

    /// Deletes `path` recursively, again while it is still there: a process that was just killed
    /// may still be closing a file in it, so one pass can end in "directory not empty".
    private static func delete(_ path: String) {
        for attempt in 0..<deleteAttempts {
            if attempt > 0 { usleep(deleteRetryMicroseconds) }
            try? FileManager.default.removeItem(atPath: path)
            if !FileManager.default.fileExists(atPath: path) { return }
        }
    }

    /// Up to 10 passes, 20 ms apart.
    private static let deleteAttempts = 10
    private static let deleteRetryMicroseconds: useconds_t = 20_000

    /// Removes run folders left by runners that no longer exist (killed with SIGKILL).
    static func removeAbandoned() {
        let base = FileManager.default.temporaryDirectory.path
        for name in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] where name.hasPrefix(prefix) {
            let owner = name.dropFirst(prefix.count).split(separator: "-").first.flatMap { pid_t($0) }
            guard let owner, owner != getpid(), kill(owner, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: base + "/" + name)
        }
    }
}
