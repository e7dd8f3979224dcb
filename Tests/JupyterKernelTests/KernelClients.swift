import Foundation

/// The built `notebook` executable, the `swift` kernelspec installed in a temporary prefix,
/// and the Python clients (Tests/JupyterKernelTests/Clients) run against it.
enum KernelClients {
    static let clients = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Clients")
        .path
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        .path

    static var notebook: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("notebook").path
    }

    static let python: String? =
        ((ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { $0 + "/python3" }
        + ["/usr/bin/python3", "/usr/local/bin/python3"]).first(where: FileManager.default.isExecutableFile)

    struct Result {
        var status: Int32
        var output: String
    }

    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    static func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.path + "/notebook-kernel-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs `executable arguments` with `environment` added; output and errors together.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], in folder: String)
        throws -> Result
    {
        let log = folder + "/log-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: log, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }

    /// Installs the kernelspec under `folder/prefix` and returns the `JUPYTER_PATH` that finds it
    /// (and an empty data folder, so a user's own kernels never answer).
    static func install(in folder: String) throws -> [String: String] {
        let result = try run(notebook, ["kernel", "install", "--prefix", folder + "/prefix"], in: folder)
        guard result.status == 0 else {
            throw SetupError(description: "notebook kernel install failed: \(result.output)")
        }
        return [
            "JUPYTER_PATH": folder + "/prefix/share/jupyter", "JUPYTER_DATA_DIR": folder + "/data",
            "JUPYTER_RUNTIME_DIR": folder + "/runtime",
        ]
    }

    /// Runs the client script `name` with `arguments` against a freshly installed kernelspec, with
    /// `environment` added (the kernel inherits it).
    static func runClient(
        _ name: String, _ arguments: [String] = [], folder: String? = nil, environment extra: [String: String] = [:]
    ) throws -> Result {
        guard let python else { throw SetupError(description: "python3 is not installed") }
        let work = try folder ?? temporaryFolder()
        defer { if folder == nil { try? FileManager.default.removeItem(atPath: work) } }
        let environment = try install(in: work).merging(extra) { $1 }
        return try run(python, [clients + "/" + name] + arguments, environment: environment, in: work)
    }
}
