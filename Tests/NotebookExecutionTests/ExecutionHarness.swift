import Foundation
import NotebookDocument
import NotebookExecution

/// Writes notebooks into a temporary folder and runs them with the real compiler and runtime.
struct ExecutionHarness {
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.path + "/notebook-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    static let toolchain: Result<NotebookToolchain, NotebookToolchain.LookupError> = Result {
        () throws(NotebookToolchain.LookupError) in try NotebookToolchain.locate()
    }

    func run(_ markdown: String, name: String = "notes.md", options: ExecutionOptions = ExecutionOptions()) throws
        -> (Notebook, NotebookRun)
    {
        let path = folder + "/" + name
        try markdown.write(toFile: path, atomically: true, encoding: .utf8)
        let notebook = try NotebookParser.parse(fileAt: path)
        let executor = NotebookExecutor(toolchain: try Self.toolchain.get())
        return (notebook, try executor.run(notebook, options: options))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }
}

extension CellRun {
    var stdout: String {
        outputs.compactMap { if case .stdout(let text) = $0 { text } else { nil } }.joined()
    }

    var stderr: String {
        outputs.compactMap { if case .stderr(let text) = $0 { text } else { nil } }.joined()
    }

    var failure: CellFailure? {
        switch status {
        case .failed(let failure), .expectedFailure(let failure): failure
        default: nil
        }
    }
}
