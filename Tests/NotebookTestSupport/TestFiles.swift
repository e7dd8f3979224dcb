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
        try createFolder(containing: path)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Creates the folders `path` is in, when missing.
    private static func createFolder(containing path: String) throws {
        try FileManager.default.createDirectory(
            atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
    }

    /// Files in `folder` (recursively) whose names look like temporary files of an atomic write.
    public static func leftoverTemporaryFiles(in folder: String) -> [String] {
        let names = FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []
        return names.filter { $0.hasSuffix(".tmp") }
    }
}

extension NotebookBinary {
    /// Writes `text` to `path` as an executable (mode 755), from a child process (`/bin/sh`).
    ///
    /// Why not write it here and `chmod` it: tests run in parallel and start processes all the
    /// time, and a process started while this one holds the file open for writing inherits that
    /// descriptor. Executing the file then fails with "Text file busy" (ETXTBSY) for as long as
    /// that process lives, which failed a CI run. A shell that writes the file holds the only
    /// descriptor, and it is gone when the shell has exited.
    public static func writeExecutable(_ text: String, to path: String) throws {
        try createFolder(containing: path)
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "cat > \"$1\" && chmod 755 \"$1\"", "sh", path]
        let input = Pipe()
        shell.standardInput = input
        try shell.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        shell.waitUntilExit()
        guard shell.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
