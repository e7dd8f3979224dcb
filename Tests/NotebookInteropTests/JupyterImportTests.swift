import Foundation
import NotebookDocument
import NotebookInterop
import Testing

@Suite struct JupyterImportTests {
    @Test func roundTripKeepsEveryCell() throws {
        let notebook = try Support.notebook()
        let ipynb = JupyterExporter.export(notebook, run: Support.run(for: notebook))
        let markdown = try JupyterImporter.markdown(from: Data(ipynb.utf8), path: "fixture.ipynb")
        let back = try NotebookParser.parse(text: markdown, path: "fixture.md")
        #expect(Support.essence(back) == Support.essence(notebook))
        #expect(back.frontMatter.parameters == notebook.frontMatter.parameters)
        #expect(back.title == notebook.title)
        #expect(!markdown.contains("scale 2\nmore"), "outputs must be dropped")
        // A second trip gives the same Markdown.
        let again = JupyterExporter.export(back, run: nil)
        #expect(try JupyterImporter.markdown(from: Data(again.utf8), path: "fixture.ipynb") == markdown)
    }

    @Test func otherKernelsGiveFencesInTheirLanguageAndRawCellsStayProse() throws {
        let ipynb = """
            {"cells": [
              {"cell_type": "raw", "metadata": {}, "source": ["raw *text*\\n"]},
              {"cell_type": "markdown", "metadata": {}, "source": "# Title\\n\\nSome prose."},
              {"cell_type": "code", "execution_count": 3, "metadata": {}, "outputs": [{"output_type": "stream", "name": "stdout", "text": "dropped"}],
               "source": ["x = '```'\\n", "print(x)"]}
             ],
             "metadata": {"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}},
             "nbformat": 4, "nbformat_minor": 4}
            """
        let markdown = try JupyterImporter.markdown(from: Data(ipynb.utf8), path: "py.ipynb")
        #expect(markdown == "raw *text*\n\n# Title\n\nSome prose.\n\n````python\nx = '```'\nprint(x)\n````\n")
        let notebook = try NotebookParser.parse(text: markdown, path: "py.md")
        #expect(notebook.codeCells.map(\.language) == ["python"])
        #expect(notebook.runnableCells.isEmpty)
    }

    @Test(arguments: [
        ("not json", "the JSON is invalid"),
        ("{\"nbformat\": 4}", "no 'cells' list"),
        ("{\"cells\": [], \"nbformat\": 3}", "nbformat 3 is not supported"),
        ("{\"cells\": [{\"source\": \"x\"}], \"nbformat\": 4}", "cell 1 has no cell_type"),
        ("{\"cells\": [{\"cell_type\": \"code\", \"source\": 5}], \"nbformat\": 4}", "cell 1: 'source' is not text"),
    ])
    func badNotebooksAreClearErrors(text: String, reason: String) {
        #expect {
            _ = try JupyterImporter.markdown(from: Data(text.utf8), path: "bad.ipynb")
        } throws: { error in
            "\(error)".hasPrefix("bad.ipynb: error: ") && "\(error)".contains(reason)
        }
    }
}
