import ArgumentParser
import Foundation
import NotebookExecution
import NotebookInterop

/// `notebook import`: convert Jupyter notebooks to Markdown notebooks.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert Jupyter notebooks (.ipynb) to Markdown notebooks.",
        discussion: """
            notes.ipynb → notes.md next to it (or in --out): Markdown cells as they are, raw cells as \
            prose, code cells as fenced blocks in the kernel's language (```swift for a Swift kernel), \
            outputs dropped. An existing file is never replaced unless --force is given.

            \(ExitStatus.helpSection)
            """)

    @Argument(help: "Jupyter notebooks.")
    var paths: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write the Markdown into.", valueName: "folder"))
    var out: String?

    @Flag(help: "Replace Markdown files that already exist.")
    var force = false

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("name at least one .ipynb file") }
    }

    func run() throws {
        var status: ExitCode?
        for path in paths {
            let destination = Self.destination(for: path, folder: out)
            guard let data = FileManager.default.contents(atPath: path) else {
                let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file"
                FileHandle.standardError.write(Data("\(path): error: \(reason)\n".utf8))
                status = status ?? ExitCode(.invalidInput)
                continue
            }
            let markdown: String
            do {
                markdown = try JupyterImporter.markdown(from: data, path: path)
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                status = status ?? ExitCode(.invalidInput)
                continue
            }
            if !force, FileManager.default.fileExists(atPath: destination) {
                FileHandle.standardError.write(
                    Data("\(destination): error: already exists; pass --force to replace it\n".utf8))
                status = status ?? ExitCode(.cannotWrite)
                continue
            }
            do {
                try AtomicFile.write(markdown, to: destination)
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                status = status ?? ExitCode(.cannotWrite)
                continue
            }
            if !quiet { FileHandle.standardError.write(Data("\(destination): imported from \(path)\n".utf8)) }
        }
        if let status { throw status }
    }

    /// `notes.ipynb` → `notes.md`, in `folder` when given.
    static func destination(for path: String, folder: String?) -> String {
        let url = URL(fileURLWithPath: path)
        let name = url.deletingPathExtension().lastPathComponent + ".md"
        if let folder { return folder + "/" + name }
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? name : parent + "/" + name
    }
}
