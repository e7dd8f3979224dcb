import Foundation

extension NotebookBinary {
    /// A new empty folder under the system's temporary folder (the caller removes it).
    public static func temporaryFolder(prefix: String = "notebook-test") throws -> String {
        let folder = FileManager.default.temporaryDirectory.path + "/\(prefix)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Writes `text` to `path`, creating missing folders.
    public static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Files in `folder` (recursively) whose names look like temporary files of an atomic write.
    public static func leftoverTemporaryFiles(in folder: String) -> [String] {
        let names = FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []
        return names.filter { $0.hasSuffix(".tmp") }
    }
}
