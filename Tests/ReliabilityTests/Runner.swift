import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `notebook` executable as a user would, and watches it: exit status, output,
/// and the runner's own peak memory (VmHWM, sampled from /proc while it runs).
enum Runner {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
        /// The runner process's peak resident memory in bytes (its own, not its children's).
        var peakResidentBytes: Int
        var seconds: Double
    }

    static var binaryFolder: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().path
    }

    static var notebook: String { binaryFolder + "/notebook" }

    static func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.path + "/notebook-reliability-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    static func start(_ arguments: [String], in folder: String? = nil, log: String? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: notebook)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        if let log {
            FileManager.default.createFile(atPath: log, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            process.standardOutput = handle
            process.standardError = handle
        } else {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        return process
    }

    static func run(_ arguments: [String], in folder: String? = nil, environment: [String: String]? = nil) throws -> Result {
        let scratch = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        FileManager.default.createFile(atPath: scratch + "/out", contents: nil)
        FileManager.default.createFile(atPath: scratch + "/err", contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: notebook)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        if let environment { process.environment = environment }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: scratch + "/err"))
        let started = Date()
        try process.run()
        var peak = 0
        while process.isRunning {
            peak = max(peak, residentPeak(of: process.processIdentifier) ?? 0)
            usleep(20_000)
        }
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: (try? String(contentsOfFile: scratch + "/out", encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: scratch + "/err", encoding: .utf8)) ?? "",
            peakResidentBytes: peak, seconds: Date().timeIntervalSince(started))
    }

    /// VmHWM of a live process, in bytes.
    static func residentPeak(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 * 1024 }
    }

    /// Whether `pid` is alive (not a zombie).
    static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return !stat[stat.index(after: close)...].hasPrefix(" Z")
    }

    /// Waits up to `seconds` for `pid` to die.
    static func waitForDeath(of pid: Int32, seconds: Double = 3) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if !isAlive(pid) { return true }
            usleep(20_000)
        }
        return !isAlive(pid)
    }

    /// Waits up to `seconds` for a file to hold a process id.
    static func waitForPID(in file: String, seconds: Double = 60) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: file, encoding: .utf8),
                let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                return pid
            }
            usleep(50_000)
        }
        return nil
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Files in `folder` (recursively) whose names look like temporary files of an atomic write.
    static func leftoverTemporaryFiles(in folder: String) -> [String] {
        let names = FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []
        return names.filter { $0.hasSuffix(".tmp") }
    }
}
