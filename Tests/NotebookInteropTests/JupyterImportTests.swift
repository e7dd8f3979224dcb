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

    /// Jupyter renders each Markdown cell alone: a link defined in another cell gets its
    /// definition appended to the cell that uses it, and the import takes it off again.
    @Test func linkDefinitionsFromOtherCellsTravelWithTheCellAndComeBackOff() throws {
        let markdown = """
            See [the docs][d].

            [d]: https://example.org/docs "Docs"

            ```swift
            print(1)
            ```

            Again [D], and [unknown].
            """
        let notebook = try NotebookParser.parse(text: markdown, path: "links.md")
        let json = JupyterExporter.notebook(notebook, run: nil)
        let cells = try #require(json["cells"]?.arrayValue)
        #expect(cells.count == 3)
        #expect(cells[0]["source"]?.text == "See [the docs][d].\n\n[d]: https://example.org/docs \"Docs\"")
        #expect(cells[0]["metadata"] == .object([:]), "its own definition is not copied")
        #expect(cells[2]["source"]?.text == "Again [D], and [unknown].\n\n[d]: https://example.org/docs \"Docs\"")
        #expect(
            cells[2]["metadata"]?["notebook"]?["link_definitions"]?.text == "[d]: https://example.org/docs \"Docs\"")

        let ipynb = JupyterExporter.export(notebook, run: nil)
        #expect(try JupyterImporter.markdown(from: Data(ipynb.utf8), path: "links.ipynb") == markdown + "\n")
        // A cell edited in Jupyter so that it no longer ends with the copy keeps all its text.
        guard case .object(var root) = json, case .object(var cell) = cells[2] else {
            Issue.record("the export is not an object of cells")
            return
        }
        cell["source"] = .lines("Again [D].\n\n[d]: https://example.org/docs \"Docs\"\nMore.")
        root["cells"] = .array([cells[0], cells[1], .object(cell)])
        let edited = try JupyterImporter.markdown(
            from: Data(JSONValue.object(root).serialized().utf8), path: "links.ipynb")
        #expect(edited.hasSuffix("Again [D].\n\n[d]: https://example.org/docs \"Docs\"\nMore.\n"))
    }
}
