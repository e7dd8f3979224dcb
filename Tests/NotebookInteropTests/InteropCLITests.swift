import Foundation
import NotebookInterop
import NotebookTestSupport
import Testing

/// `export`, `import`, `render --to md` and `render --sweep` through the built executable, with
/// real runs.
@Suite struct InteropCLITests {
    static let notebook = """
        ---
        title: CLI fixture
        params:
          variant: dot
        ---
        # CLI fixture

        ```swift
        let factor = variant == "dot" ? 1.0 : 2.0
        print("variant is \\(variant)")
        display(table: [["factor", factor]], columns: ["name", "value"])
        display(LineChart(series: [Series(name: "loss", y: [3 * factor, 2 * factor, 1])], title: "Loss", xLabel: "step"))
        ```

        ```swift
        factor * 10
        ```

        ```swift
        //| error: true
        let xs = [1]
        print(xs[2])
        ```
        """

    private func folder() throws -> String {
        let folder = try Support.temporaryFolder()
        try Self.notebook.write(toFile: folder + "/notes.md", atomically: true, encoding: .utf8)
        return folder
    }

    @Test(.enabled(if: Python.isAvailable, "python3 is not installed: nbformat validation needs it"))
    func exportWritesAValidNotebookWithTheRunsOutputs() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try NotebookBinary.run(["export", folder + "/notes.md", "--cache-dir", folder + "/cache", "-q"])
        #expect(result.status == 0, "\(result.standardError)")
        let path = folder + "/notes.ipynb"
        let problem = try Python.validate(notebookAt: path)
        #expect(problem == nil, "\(problem ?? "")")
        let json = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: path)))
        let cells = (json["cells"]?.arrayValue ?? []).filter { $0["cell_type"]?.text == "code" }
        // The first code cell is the front matter's parameters (tagged for Papermill), not run.
        #expect(cells.first?["metadata"]?["tags"] == .array([.string("parameters")]))
        let code = Array(cells.dropFirst())
        #expect(code.count == 3)
        let first = code.first?["outputs"]?.arrayValue ?? []
        #expect(first.first?["text"]?.text == "variant is dot\n")
        #expect(first.contains { $0["data"]?["text/html"]?.text?.contains("factor") == true })
        #expect(first.contains { $0["data"]?["image/svg+xml"]?.text?.hasPrefix("<svg") == true })
        #expect(code[1]["outputs"]?.arrayValue?.first?["output_type"]?.text == "execute_result")
        #expect(code[1]["outputs"]?.arrayValue?.first?["data"]?["text/plain"]?.text == "10.0")
        #expect(code[2]["outputs"]?.arrayValue?.last?["output_type"]?.text == "error")
        #expect(code.map { $0["execution_count"]?.intValue } == [1, 2, 3])
    }

    @Test func markdownOutputsInPlaceAreIdempotent() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A crash's stderr may carry runtime noise that differs between runs ("failed to suspend
        // thread"): this test wants outputs that are the same each run, so the last cell's crash is
        // turned into a caught error. (MarkdownOutputTests covers failures that move.)
        let stable = Self.notebook.replacingOccurrences(
            of: "let xs = [1]\nprint(xs[2])", with: "struct Oops: Error {}\nthrow Oops()")
        try stable.write(toFile: folder + "/notes.md", atomically: true, encoding: .utf8)
        let cache = ["--cache-dir", folder + "/cache", "-q"]
        let copy = try NotebookBinary.run(["render", folder + "/notes.md", "--to", "md"] + cache)
        #expect(copy.status == 0, "\(copy.standardError)")
        let written = try String(contentsOfFile: folder + "/notes.out.md", encoding: .utf8)
        #expect(written.contains("<!-- notebook:output -->\n```text\nvariant is dot\n```"))
        #expect(written.contains("| factor | 1 |"))
        #expect(written.contains("**expected failure: uncaught error**"))
        #expect(FileManager.default.fileExists(atPath: folder + "/notes.out_files/cell-1-1.svg"))
        #expect(try String(contentsOfFile: folder + "/notes.md", encoding: .utf8) == stable, "the source is untouched")

        let first = try NotebookBinary.run(["render", folder + "/notes.md", "--to", "md", "--in-place"] + cache)
        #expect(first.status == 0, "\(first.standardError)")
        let once = try String(contentsOfFile: folder + "/notes.md", encoding: .utf8)
        let second = try NotebookBinary.run(["render", folder + "/notes.md", "--to", "md", "--in-place"] + cache)
        #expect(second.status == 0, "\(second.standardError)")
        let twice = try String(contentsOfFile: folder + "/notes.md", encoding: .utf8)
        #expect(once == twice)
        #expect(once.components(separatedBy: "<!-- notebook:output -->").count == 4)
        #expect(FileManager.default.fileExists(atPath: folder + "/notes_files/cell-1-1.svg"))

        // The HTML report of the file with outputs does not show them as code.
        let html = try NotebookBinary.run(["render", folder + "/notes.md"] + cache)
        #expect(html.status == 0, "\(html.standardError)")
        let report = try String(contentsOfFile: folder + "/notes.html", encoding: .utf8)
        #expect(!report.contains("notebook:output"))
        #expect(report.components(separatedBy: "class=\"cell ").count == 4, "three cells, no output blocks as cells")
    }

    @Test func inPlaceNeedsMarkdown() throws {
        let result = try NotebookBinary.run(["render", "notes.md", "--in-place"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("--in-place works with --to md only"))
    }

    @Test func importWritesMarkdownAndNeverOverwritesWithoutForce() throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ipynb = """
            {"cells": [{"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["# Imported"]},
              {"cell_type": "code", "id": "b", "execution_count": 1, "metadata": {}, "outputs": [], "source": ["print(1)"]}],
             "metadata": {"kernelspec": {"name": "swift", "language": "swift", "display_name": "Swift"}},
             "nbformat": 4, "nbformat_minor": 5}
            """
        try ipynb.write(toFile: folder + "/in.ipynb", atomically: true, encoding: .utf8)
        let first = try NotebookBinary.run(["import", folder + "/in.ipynb"])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(
            try String(contentsOfFile: folder + "/in.md", encoding: .utf8) == "# Imported\n\n```swift\nprint(1)\n```\n")
        try "mine".write(toFile: folder + "/in.md", atomically: true, encoding: .utf8)
        let again = try NotebookBinary.run(["import", folder + "/in.ipynb"])
        #expect(again.status == 73)
        #expect(again.standardError.contains("in.md: error: already exists; pass --force to replace it"))
        #expect(try String(contentsOfFile: folder + "/in.md", encoding: .utf8) == "mine")
        let forced = try NotebookBinary.run(["import", folder + "/in.ipynb", "--force"])
        #expect(forced.status == 0)
        #expect(try String(contentsOfFile: folder + "/in.md", encoding: .utf8).hasPrefix("# Imported"))
        try "{".write(toFile: folder + "/bad.ipynb", atomically: true, encoding: .utf8)
        let bad = try NotebookBinary.run(["import", folder + "/bad.ipynb"])
        #expect(bad.status == 65)
        #expect(bad.standardError.contains("bad.ipynb: error: not a Jupyter notebook"))
    }

    @Test func sweepWritesOneReportPerValueAndAComparison() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try NotebookBinary.run([
            "render", folder + "/notes.md", "--sweep", "variant=dot,general", "--jobs", "2", "--cache-dir",
            folder + "/cache", "-q",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let dot = try String(contentsOfFile: folder + "/notes.variant-dot.html", encoding: .utf8)
        let general = try String(contentsOfFile: folder + "/notes.variant-general.html", encoding: .utf8)
        #expect(dot.contains("variant is dot") && !dot.contains("variant is general"))
        #expect(general.contains("variant is general"))
        let page = try String(contentsOfFile: folder + "/notes.variant.sweep.html", encoding: .utf8)
        #expect(page.contains("variant is dot") && page.contains("variant is general"))
        #expect(page.contains("dot: loss") && page.contains("general: loss"))
        #expect(page.components(separatedBy: "<svg").count == 2, "the two loss curves share one chart")
        #expect(page.contains("href=\"./notes.variant-general.html\""))
        #expect(page.contains(">20.0<") || page.contains("20.0"))

        let clash = try NotebookBinary.run([
            "render", folder + "/notes.md", "--sweep", "variant=a,b", "-p", "variant=c",
        ])
        #expect(clash.status == 64)
        let wrongType = try NotebookBinary.run([
            "render", folder + "/notes.md", "--sweep", "nope=a", "--cache-dir", folder + "/cache",
        ])
        #expect(wrongType.status == 64)
        #expect(wrongType.standardError.contains("unknown parameter 'nope'"))
    }

    @Test func aSweepOfAnotherParameterKeepsTheFirstComparisonPage() throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
        ---
        params:
          variant: dot
          seed: 1
        ---
        ```swift
        print("variant \\(variant) seed \\(seed)")
        ```
        """.write(toFile: folder + "/notes.md", atomically: true, encoding: .utf8)
        let cache = ["--cache-dir", folder + "/cache", "-q", "--jobs", "2"]
        let first = try NotebookBinary.run(["render", folder + "/notes.md", "--sweep", "variant=dot,general"] + cache)
        #expect(first.status == 0, "\(first.standardError)")
        let variantPage = try String(contentsOfFile: folder + "/notes.variant.sweep.html", encoding: .utf8)
        let second = try NotebookBinary.run(["render", folder + "/notes.md", "--sweep", "seed=1,2"] + cache)
        #expect(second.status == 0, "\(second.standardError)")
        let seedPage = try String(contentsOfFile: folder + "/notes.seed.sweep.html", encoding: .utf8)
        #expect(seedPage.contains("variant dot seed 2"))
        #expect(try String(contentsOfFile: folder + "/notes.variant.sweep.html", encoding: .utf8) == variantPage)
        #expect(variantPage.contains("variant general seed 1"))
    }
}
