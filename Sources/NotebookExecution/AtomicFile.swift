import Foundation
import NotebookDocument

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes files so that readers see either the old content or the new, never a half-written file.
public enum AtomicFile {
    /// An error writing a file: which file, and why.
    public struct WriteError: NotebookError {
        /// The file that could not be written.
        public var path: String
        /// Why.
        public var reason: String
        /// The file.
        public var location: SourceLocation? { SourceLocation(file: path, line: 0) }
        /// `cannot write the file: reason`.
        public var message: String { "cannot write the file: \(reason)" }
    }

    /// Writes `data` to a temporary file beside `path`, flushes it to disk, then renames it over
    /// `path`. Creates missing parent folders.
    public static func write(_ data: Data, to path: String) throws(WriteError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw WriteError(path: path, reason: "cannot create the folder \(folder): \(error.localizedDescription)")
        }
        let temporary = folder + "/.\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        guard InFlight.begin(temporary) else { throw WriteError(path: path, reason: "the runner was interrupted") }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            InFlight.end(temporary)
            throw WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        var failure: String?
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        close(descriptor)
        // Ctrl-C or SIGTERM arrived: whatever this file holds comes from a run cut short.
        if failure == nil, !InFlight.commit(temporary, to: path) {
            failure =
                ChildProcessRegistry.isTerminating ? "the runner was interrupted" : String(cString: strerror(errno))
        }
        if let failure {
            unlink(temporary)
            InFlight.end(temporary)
            throw WriteError(path: path, reason: failure)
        }
    }

    /// The temporary files being written, so that a runner stopped by a signal removes them and
    /// replaces no file after the signal (the check and the rename happen under one lock).
    enum InFlight {
        private static let lock = NSLock()
        nonisolated(unsafe) private static var paths: Set<String> = []

        /// Registers a temporary file; false once the runner is terminating.
        static func begin(_ temporary: String) -> Bool {
            lock.withLock {
                guard !ChildProcessRegistry.isTerminating else { return false }
                paths.insert(temporary)
                return true
            }
        }

        /// Renames `temporary` over `path` unless the runner is terminating.
        static func commit(_ temporary: String, to path: String) -> Bool {
            lock.withLock {
                guard !ChildProcessRegistry.isTerminating, rename(temporary, path) == 0 else { return false }
                paths.remove(temporary)
                return true
            }
        }

        static func end(_ temporary: String) {
            lock.withLock { _ = paths.remove(temporary) }
        }

        /// Removes every temporary file being written and keeps the lock, so no write can finish
        /// (called just before the runner exits on a signal).
        static func abandonAll() {
            lock.lock()
            for temporary in paths { unlink(temporary) }
            paths.removeAll()
        }
    }

    /// Writes `text` as UTF-8; see ``write(_:to:)-(Data,_)``.
    public static func write(_ text: String, to path: String) throws(WriteError) {
        try write(Data(text.utf8), to: path)
    }
}
