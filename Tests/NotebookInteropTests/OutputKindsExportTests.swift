import Foundation
import NotebookDocument
import NotebookExecution
import NotebookInterop
import NotebookOutput
import Testing

/// Markdown, HTML and image outputs, figure captions and folded code in `--to md` and the ipynb
/// export (issue 12.3).
@Suite struct OutputKindsExportTests {
    static let source = """
        # Kinds

        ```swift
        //| code-fold: true
        //| fig-cap: A tiny picture
        //| fig-alt: one black pixel
        show()
        ```
        """
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])

    static func notebookAndRun() throws -> (Notebook, NotebookRun) {
        let notebook = try NotebookParser.parse(text: source, path: "kinds.md")
        let cell = CellRun(
            ordinal: notebook.codeCells[0].ordinal, executionCount: 1, status: .succeeded,
            outputs: [
                .display(.markdown("**bold** text")), .display(.html("<b>b</b><script>alert(1)</script>")),
                .display(.image(NotebookImage(data: png, format: .png))),
                .display(
                    .image(
                        NotebookImage(
                            data: Data("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8), format: .svg, alt: "svg"))),
            ], seconds: 0.1)
        return (
            notebook,
            NotebookRun(
                notebookPath: "kinds.md", startedAt: Date(), totalSeconds: 1, compileSeconds: 0, cells: [cell],
                parameters: [])
        )
    }

    @Test func markdownExportShowsEachKind() throws {
        let (notebook, run) = try Self.notebookAndRun()
        let result = MarkdownOutputWriter(imageFolder: "kinds.out_files").write(notebook: notebook, run: run)
        let text = result.markdown
        #expect(text.contains("\n**bold** text\n"))
        #expect(text.contains("<b>b</b>"))
        #expect(!text.contains("<script>"))
        #expect(text.contains("![one black pixel](kinds.out_files/cell-1-1.png)"))
        #expect(text.contains("![svg](kinds.out_files/cell-1-2.svg)"))
        #expect(text.contains("*A tiny picture*\n"))
        #expect(result.images.map(\.path) == ["kinds.out_files/cell-1-1.png", "kinds.out_files/cell-1-2.svg"])
        #expect(result.images.first?.contents == Self.png)
        // The options stay in the cell, so the rewritten file folds and captions the same way.
        let reparsed = try NotebookParser.parse(text: text, path: "kinds.md")
        #expect(reparsed.codeCells[0].options == notebook.codeCells[0].options)
    }

    @Test func jupyterExportCarriesMIMETypesCaptionAndFolding() throws {
        let (notebook, run) = try Self.notebookAndRun()
        let exported = JupyterExporter.notebook(notebook, run: run)
        let cells = try #require(exported["cells"]?.arrayValue)
        let code = try #require(cells.first { $0["cell_type"]?.text == "code" })
        #expect(code["metadata"]?["jupyter"]?["source_hidden"] == .bool(true))
        #expect(code["source"]?.text?.contains("//| fig-cap: A tiny picture") == true)
        let outputs = try #require(code["outputs"]?.arrayValue)
        #expect(outputs.count == 5)
        #expect(outputs[0]["data"]?["text/markdown"]?.text == "**bold** text")
        #expect(outputs[1]["data"]?["text/html"]?.text == "<b>b</b>")
        #expect(outputs[2]["data"]?["image/png"]?.text == Self.png.base64EncodedString())
        #expect(outputs[2]["data"]?["text/plain"]?.text == "PNG image, 12 bytes")
        #expect(outputs[3]["data"]?["image/svg+xml"]?.text == "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        #expect(outputs[4]["data"]?["text/markdown"]?.text == "*A tiny picture*")
    }

    @Test(.enabled(if: Python.isAvailable, "python3 is not installed: nbformat validation needs it"))
    func jupyterExportOfEveryKindIsValid() throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (notebook, run) = try Self.notebookAndRun()
        let path = folder + "/kinds.ipynb"
        try JupyterExporter.export(notebook, run: run).write(toFile: path, atomically: true, encoding: .utf8)
        let problem = try Python.validate(notebookAt: path)
        #expect(problem == nil, "\(problem ?? "")")
    }
}
