import Foundation

/// Runs the `notebook` executable built next to the test bundle, as a user would.
enum CLI {
    struct Result {
        var status: Int32
        var standardError: String
    }

    static var executable: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("notebook").path
    }

    static func run(_ arguments: [String]) throws -> Result {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        FileManager.default.createFile(atPath: folder + "/err", contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/err"))
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardError: (try? String(contentsOfFile: folder + "/err", encoding: .utf8)) ?? "")
    }
}
