import Foundation
import NotebookDocument
import NotebookExecution
import NotebookInterop
import NotebookOutput
import Testing

/// Where scripts do not run, an attention explorer is its static heatmap: an `image/svg+xml`
/// output in the Jupyter export, an SVG file linked from `--to md` (issue 13.4).
@Suite struct AttentionExportTests {
    static let source = "# Attention\n\n```swift\nshow()\n```\n"
    static let view = AttentionView(
        title: "Alignment", sourceTokens: ["le", "chat", "</script>"],
        maps: [
            AttentionMap(
                name: "additive", targetTokens: ["the", "cat"], weights: [[0.8, 0.1, 0.1], [0.1, 0.8, 0.1]])
        ])

    static func notebookAndRun() throws -> (Notebook, NotebookRun) {
        let notebook = try NotebookParser.parse(text: source, path: "attention.md")
        let cell = CellRun(
            ordinal: notebook.codeCells[0].ordinal, executionCount: 1, status: .succeeded,
            outputs: [.display(.attention(view))], seconds: 0.1)
        return (
            notebook,
            NotebookRun(
                notebookPath: "attention.md", startedAt: Date(), totalSeconds: 1, compileSeconds: 0, cells: [cell],
                parameters: [])
        )
    }

    @Test func jupyterGetsTheStaticSVG() throws {
        let (notebook, run) = try Self.notebookAndRun()
        let exported = JupyterExporter.notebook(notebook, run: run)
        let code = try #require(exported["cells"]?.arrayValue?.first { $0["cell_type"]?.text == "code" })
        let output = try #require(code["outputs"]?.arrayValue?.first)
        #expect(output["output_type"]?.text == "display_data")
        let svg = try #require(output["data"]?["image/svg+xml"]?.text)
        #expect(svg.hasPrefix("<svg") && svg.contains("attention-grid") && svg.contains(">&lt;/script&gt;</text>"))
        #expect(!svg.contains("<script"))
        #expect(
            output["data"]?["text/plain"]?.text?.hasPrefix(
                "attention: Alignment (1 maps over 3 source tokens, 2 steps)") == true)
    }

    @Test func markdownLinksTheStaticSVG() throws {
        let (notebook, run) = try Self.notebookAndRun()
        let result = MarkdownOutputWriter(imageFolder: "attention.out_files").write(notebook: notebook, run: run)
        #expect(result.markdown.contains("](attention.out_files/cell-1-1.svg)"))
        let image = try #require(result.images.first)
        let svg = String(decoding: image.contents, as: UTF8.self)
        #expect(svg.contains("attention-grid") && svg.occurrences(of: "<rect x=") == 2 * 3 + 1)
    }
}

extension String {
    fileprivate func occurrences(of needle: String) -> Int { components(separatedBy: needle).count - 1 }
}
