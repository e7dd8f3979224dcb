import Foundation
import NotebookDocument

/// Finds the notebooks named on the command line: files as given, and every `.md` file below a
/// folder (hidden folders, `README.md` and the output folder left out), in a stable order.
public enum NotebookDiscovery {
    /// One notebook to render, with the folder it was found under (for relative output paths).
    public struct Input: Sendable, Equatable {
        /// The notebook's path.
        public var path: String
        /// The folder named on the command line that it was found under (nil for a file named directly).
        public var root: String?

        /// Creates an input.
        public init(path: String, root: String? = nil) {
            self.path = path
            self.root = root
        }

        /// The path below its root (`sub/notes.md`), or the file name.
        public var relativePath: String {
            guard let root else { return (path as NSString).lastPathComponent }
            return String(path.dropFirst(root.count).drop(while: { $0 == "/" }))
        }
    }

    /// The notebooks named by `arguments` (files and folders); `excluded` is a folder to skip (the
    /// output folder).
    ///
    /// - Throws: ``DiscoveryError`` for a path that does not exist or a folder with no notebooks.
    public static func inputs(_ arguments: [String], excluding excluded: String?) throws(DiscoveryError) -> [Input] {
        var inputs: [Input] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                throw DiscoveryError(path: argument, message: "no such file or folder")
            }
            if !isDirectory.boolValue {
                inputs.append(Input(path: argument, root: nil))
                continue
            }
            let root = argument.hasSuffix("/") && argument.count > 1 ? String(argument.dropLast()) : argument
            let excludedPath = excluded.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            var found: [String] = []
            let enumerator = FileManager.default.enumerator(atPath: root)
            while let relative = enumerator?.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                let full = root + "/" + relative
                if name.hasPrefix(".") {
                    enumerator?.skipDescendants()
                    continue
                }
                if let excludedPath, URL(fileURLWithPath: full).standardizedFileURL.path == excludedPath {
                    enumerator?.skipDescendants()
                    continue
                }
                // `notes.out.md` is what `render --to md` wrote, not a notebook of its own.
                let lower = name.lowercased()
                if lower.hasSuffix(".md"), lower != "readme.md", !lower.hasSuffix(".out.md") { found.append(full) }
            }
            if found.isEmpty {
                throw DiscoveryError(path: argument, message: "no .md notebooks in this folder")
            }
            inputs += found.sorted().map { Input(path: $0, root: root) }
        }
        return inputs
    }

    /// A path that names no notebook.
    public struct DiscoveryError: NotebookError {
        /// The path as named.
        public var path: String
        /// What is wrong with it.
        public var message: String
        /// The path.
        public var location: SourceLocation? { SourceLocation(file: path, line: 0) }
    }
}
