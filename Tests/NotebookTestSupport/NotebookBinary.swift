import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The executables built next to the test bundle (`notebook`, `notebook-fuzz`, `bench`), run as
/// a user would: the one place every test target launches them from.
public enum NotebookBinary {
    /// What a finished run did.
    public struct Result: Sendable {
        /// The exit status (128 + n is not used: a signal shows as its number, as `Process` reports it).
        public var status: Int32
        /// Everything written to standard output.
        public var standardOutput: String
        /// Everything written to standard error.
        public var standardError: String
        /// The process's own peak resident memory in bytes (VmHWM, sampled every 20 ms; its
        /// children are not counted).
        public var peakResidentBytes: Int
        /// Wall-clock time from launch to exit.
        public var seconds: Double
    }

    /// The folder holding the built executables.
    public static var folder: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().path
    }

    /// The `notebook` executable.
    public static var path: String { folder + "/notebook" }

    /// Runs `notebook arguments` (or `executable`) in `directory` to the end, capturing both
    /// streams through files (no pipe can fill up and stall the child).
    public static func run(
        _ arguments: [String], in directory: String? = nil, executable: String? = nil,
        environment: [String: String]? = nil
    ) throws -> Result {
        let scratch = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        FileManager.default.createFile(atPath: scratch + "/out", contents: nil)
        FileManager.default.createFile(atPath: scratch + "/err", contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
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

    /// Starts `notebook arguments` and returns at once; both streams go to `log` (else nowhere).
    public static func start(
        _ arguments: [String], in directory: String? = nil, log: String? = nil, output: FileHandle? = nil
    ) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let log {
            FileManager.default.createFile(atPath: log, contents: nil)
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            process.standardOutput = handle
            process.standardError = handle
        } else {
            process.standardOutput = output ?? FileHandle.nullDevice
            process.standardError = output ?? FileHandle.nullDevice
        }
        try process.run()
        return process
    }

    /// VmHWM of a live process, in bytes.
    public static func residentPeak(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 * 1024 }
    }
}
