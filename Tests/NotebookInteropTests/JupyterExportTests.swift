import Foundation
import NotebookDocument
import NotebookExecution
import NotebookInterop
import Testing

@Suite struct JupyterExportTests {
    private func exported() throws -> JSONValue {
        let notebook = try Support.notebook()
        return JupyterExporter.notebook(notebook, run: Support.run(for: notebook))
    }

    @Test func notebookNamesTheSwiftKernelAndNBFormat45() throws {
        let json = try exported()
        #expect(json["nbformat"]?.intValue == 4)
        #expect(json["nbformat_minor"]?.intValue == 5)
        #expect(json["metadata"]?["kernelspec"]?["name"]?.text == "swift")
        #expect(json["metadata"]?["language_info"]?["name"]?.text == "swift")
        #expect(json["metadata"]?["title"]?.text == "Interop fixture")
    }

    @Test func cellsFollowTheDocumentWithValidUniqueIDs() throws {
        let cells = try #require(try exported()["cells"]?.arrayValue)
        #expect(
            cells.compactMap { $0["cell_type"]?.text } == [
                "raw", "code", "markdown", "code", "markdown", "code", "markdown", "code",
            ])
        let ids = cells.compactMap { $0["id"]?.text }
        #expect(Set(ids).count == cells.count)
        for id in ids {
            #expect((1...64).contains(id.count))
            #expect(id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }, "\(id)")
        }
        #expect(cells[0]["source"]?.text == "---\ntitle: Interop fixture\nparams:\n  scale: 2\n---")
        // The front matter's parameters as Papermill's `parameters` cell, so a client can inject others.
        #expect(cells[1]["source"]?.text == "let scale: Int = 2")
        #expect(cells[1]["metadata"]?["tags"] == .array([.string("parameters")]))
        #expect(cells[4]["source"]?.text?.hasPrefix("```python\n") == true)
        #expect(cells[5]["id"]?.text == "chart")
        #expect(cells[5]["source"]?.text?.hasPrefix("//| label: chart\n//| echo: false\ndisplay(") == true)
        #expect(cells[5]["metadata"]?["jupyter"]?["source_hidden"] == .bool(true))
        #expect(cells[7]["metadata"]?["tags"] == .array([.string("raises-exception")]))
        #expect(cells[7]["metadata"]?["notebook"]?["options"]?["timeout"]?.intValue == 5)
    }

    @Test func outputsAreNBFormatOutputObjects() throws {
        let cells = try #require(try exported()["cells"]?.arrayValue)
        let first = try #require(cells[3]["outputs"]?.arrayValue)
        #expect(first.compactMap { $0["output_type"]?.text } == ["stream", "stream", "display_data", "display_data"])
        #expect(first[0]["name"]?.text == "stdout")
        #expect(first[0]["text"]?.text == "scale 2\nmore\n")
        #expect(first[1]["name"]?.text == "stderr")
        let table = try #require(first[2]["data"]?["text/html"]?.text)
        #expect(table.contains("<th scope=\"col\">name</th>"))
        #expect(table.contains("&lt;c&gt;"))
        #expect(first[2]["data"]?["text/plain"]?.text?.contains("a|b") == true)
        #expect(first[3]["data"]?["text/plain"]?.text == "epoch 3/3  loss 0.25")
        #expect(cells[3]["execution_count"]?.intValue == 1)

        let second = try #require(cells[5]["outputs"]?.arrayValue)
        #expect(second.compactMap { $0["output_type"]?.text } == ["display_data", "display_data", "execute_result"])
        let chart = try #require(second[0]["data"]?["image/svg+xml"]?.text)
        #expect(chart.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(chart.contains("<style>"))
        #expect(second[1]["data"]?["image/svg+xml"]?.text?.contains("Attention") == true)
        #expect(second[2]["execution_count"]?.intValue == 2)
        #expect(second[2]["data"]?["text/plain"]?.text == "20")

        let failure = try #require(cells[7]["outputs"]?.arrayValue?.first)
        #expect(failure["output_type"]?.text == "error")
        #expect(failure["ename"]?.text == "Crash")
        #expect(failure["evalue"]?.text == "Fatal error: Index out of range")
        #expect(failure["traceback"]?.arrayValue?.contains(.string("at fixture.md:30")) == true)
    }

    @Test(.enabled(if: Python.isAvailable, "python3 is not installed: nbformat validation needs it"))
    func exportPassesNBFormatValidation() throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let notebook = try Support.notebook()
        let path = folder + "/fixture.ipynb"
        try JupyterExporter.export(notebook, run: Support.run(for: notebook))
            .write(toFile: path, atomically: true, encoding: .utf8)
        let withRun = try Python.validate(notebookAt: path)
        #expect(withRun == nil, "\(withRun ?? "")")
        // Without a run: the cells only, still valid.
        try JupyterExporter.export(notebook, run: nil).write(toFile: path, atomically: true, encoding: .utf8)
        let withoutRun = try Python.validate(notebookAt: path)
        #expect(withoutRun == nil, "\(withoutRun ?? "")")
        // The check itself can fail: a code cell without its outputs list is invalid.
        try
            #"{"cells": [{"cell_type": "code", "id": "a", "metadata": {}, "source": "", "execution_count": null}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try Python.validate(notebookAt: path) != nil)
    }

    @Test func exportIsStableAndParsesBack() throws {
        let notebook = try Support.notebook()
        let run = Support.run(for: notebook)
        let text = JupyterExporter.export(notebook, run: run)
        #expect(text == JupyterExporter.export(notebook, run: run))
        #expect(try JSONValue.parse(Data(text.utf8)) == JupyterExporter.notebook(notebook, run: run))
    }
}
