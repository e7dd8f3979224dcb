import Crypto
import Foundation
import NotebookDocument

/// Where the Swift compiler and the notebook runtime (the `NotebookRuntime` library and its
/// modules) are, and a fingerprint of both for cache keys.
public struct NotebookToolchain: Sendable, Equatable {
    /// An error finding the compiler or the runtime, with what to do about it.
    public struct LookupError: NotebookError {
        /// No file: the toolchain is not part of a notebook.
        public var location: SourceLocation? { nil }
        /// What is missing.
        public var message: String
        /// What to install or set.
        public var hint: String?
    }

    /// The `swiftc` executable.
    public var swiftc: String
    /// The folder holding `libNotebookRuntime.so` and `Modules/`.
    public var runtimeDirectory: String
    /// Changes whenever the compiler or the runtime library changes.
    public var fingerprint: String

    /// Creates a toolchain from known paths.
    public init(swiftc: String, runtimeDirectory: String, fingerprint: String) {
        self.swiftc = swiftc
        self.runtimeDirectory = runtimeDirectory
        self.fingerprint = fingerprint
    }

    /// The environment variable that names the runtime folder explicitly.
    public static let runtimeDirectoryVariable = "NOTEBOOK_RUNTIME_DIR"

    /// Finds `swiftc` on `PATH` (or `$SWIFTC`) and the runtime next to the running executable
    /// (or in `$NOTEBOOK_RUNTIME_DIR`).
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(LookupError) -> NotebookToolchain
    {
        guard let swiftc = findCompiler(environment: environment) else {
            throw LookupError(
                message: "cannot find the Swift compiler 'swiftc'",
                hint: "install the Swift toolchain and put it on PATH, or set SWIFTC")
        }
        var candidates: [String] = []
        if let explicit = environment[runtimeDirectoryVariable] { candidates.append(explicit) }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .path
        candidates.append(executable)
        candidates.append(FileManager.default.currentDirectoryPath + "/.build/release")
        guard let runtime = candidates.first(where: isRuntimeDirectory) else {
            throw LookupError(
                message: """
                    cannot find the notebook runtime (libNotebookRuntime.so and Modules/NotebookRuntime.swiftmodule) \
                    in \(candidates.joined(separator: " or "))
                    """,
                hint: "build it with 'swift build -c release' or set \(runtimeDirectoryVariable)")
        }
        return NotebookToolchain(
            swiftc: swiftc, runtimeDirectory: runtime, fingerprint: fingerprint(swiftc: swiftc, runtime: runtime))
    }

    /// The `swiftc` arguments that compile a notebook program. Cells compile without optimisation
    /// (the heavy work is in the release-built runtime); Swift 5 mode lets a function mutate an
    /// earlier cell's variable.
    public func compilerArguments(sources: [String], output: String) -> [String] {
        [
            "-Onone", "-gline-tables-only", "-swift-version", "5", "-diagnostic-style", "llvm",
            "-module-name", "NotebookProgram", "-I", runtimeDirectory + "/Modules", "-L", runtimeDirectory,
            "-lNotebookRuntime", "-Xlinker", "-rpath", "-Xlinker", runtimeDirectory,
        ] + sources + ["-o", output]
    }

    static func isRuntimeDirectory(_ path: String) -> Bool {
        let manager = FileManager.default
        return manager.fileExists(atPath: path + "/libNotebookRuntime.so")
            && manager.fileExists(atPath: path + "/Modules/NotebookRuntime.swiftmodule")
    }

    private static func findCompiler(environment: [String: String]) -> String? {
        if let explicit = environment["SWIFTC"], FileManager.default.isExecutableFile(atPath: explicit) {
            return explicit
        }
        for folder in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/swiftc"
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return nil
    }

    /// Size and modification time of the compiler and of every runtime file a notebook links.
    private static func fingerprint(swiftc: String, runtime: String) -> String {
        var hasher = SHA256()
        var files = [swiftc, runtime + "/libNotebookRuntime.so"]
        let modules = runtime + "/Modules"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: modules)) ?? []
        where name.hasSuffix(".swiftmodule") {
            files.append(modules + "/" + name)
        }
        for file in files.sorted() {
            let attributes = try? FileManager.default.attributesOfItem(atPath: file)
            let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            hasher.update("\(file)|\(size)|\(modified)")
        }
        return hasher.hexDigest()
    }
}
