import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that readers see either the old content or the new, never a half-written file.
public enum AtomicFile {
    /// An error writing a file: which file, and why.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        /// The file that could not be written.
        public var path: String
        /// Why.
        public var reason: String
        /// `path: error: cannot write: reason`.
        public var description: String { "\(path): error: cannot write the file: \(reason)" }
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
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
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
        if failure == nil, ChildProcessRegistry.isTerminating { failure = "the runner was interrupted" }
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw WriteError(path: path, reason: failure)
        }
    }

    /// Writes `text` as UTF-8; see ``write(_:to:)-(Data,_)``.
    public static func write(_ text: String, to path: String) throws(WriteError) {
        try write(Data(text.utf8), to: path)
    }
}
