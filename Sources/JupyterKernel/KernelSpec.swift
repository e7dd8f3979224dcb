import Foundation
import NotebookInterop

/// The Jupyter kernelspec `swift` ("Swift (notebook)"): a `kernel.json` whose argv runs
/// `notebook kernel --connection-file {connection_file}`.
public enum KernelSpec {
    /// The kernelspec's name (the folder under `share/jupyter/kernels`).
    public static let name = "swift"

    /// The `kernel.json` for the `notebook` executable at `executable`.
    public static func json(executable: String) -> String {
        JSONValue.object([
            "argv": .array([executable, "kernel", "--connection-file", "{connection_file}"].map(JSONValue.string)),
            "display_name": .string("Swift (notebook)"),
            "language": .string("swift"),
            "interrupt_mode": .string("signal"),
            "metadata": .object(["debugger": .bool(false)]),
        ]).serialized()
    }

    /// Where the kernelspec goes: `PREFIX/share/jupyter/kernels/swift`, or for the user
    /// `$JUPYTER_DATA_DIR/kernels/swift` (default `~/.local/share/jupyter/kernels/swift`).
    public static func folder(prefix: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String
    {
        if let prefix { return "\(prefix)/share/jupyter/kernels/\(name)" }
        if let data = environment["JUPYTER_DATA_DIR"], !data.isEmpty { return "\(data)/kernels/\(name)" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return "\(home)/.local/share/jupyter/kernels/\(name)"
    }

    /// Writes the kernelspec into `folder` (created as needed); returns the `kernel.json` path.
    public static func install(executable: String, folder: String) throws(KernelError) -> String {
        let path = folder + "/kernel.json"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try json(executable: executable).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw KernelError(description: "\(path): error: cannot write the kernelspec: \(error)")
        }
        return path
    }
}
