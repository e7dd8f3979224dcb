import Foundation
import NotebookTestSupport
import Testing

/// Inline expressions (`` `{swift} expr` ``) through the built binary: the HTML report, `--to md`
/// and the Jupyter export show the value; an error names the prose line and fails the run.
@Suite struct InlineExpressionCLITests {
    static let notebook = """
        # Inline

        ```swift
        let accuracy = 0.875
        func percent(_ x: Double) -> String { "\\(Int(x * 100))%" }
        ```

        Attention reaches `{swift} percent(accuracy)` *and* `{swift} "<b>bold</b>"`.
        """

    @Test func reportMarkdownAndNotebookShowTheValue() throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.notebook.write(toFile: folder + "/notes.md", atomically: true, encoding: .utf8)
        let cache = ["--cache-dir", folder + "/cache", "-q"]

        let html = try NotebookBinary.run(["render", folder + "/notes.md"] + cache)
        #expect(html.status == 0, "\(html.standardError)")
        let report = try String(contentsOfFile: folder + "/notes.html", encoding: .utf8)
        #expect(report.contains("Attention reaches 87% <em>and</em> &lt;b&gt;bold&lt;/b&gt;."))
        #expect(!report.contains("{swift}"))

        let markdown = try NotebookBinary.run(["render", folder + "/notes.md", "--to", "md"] + cache)
        #expect(markdown.status == 0, "\(markdown.standardError)")
        let written = try String(contentsOfFile: folder + "/notes.out.md", encoding: .utf8)
        #expect(written.contains("Attention reaches 87% *and* \\<b\\>bold\\</b\\>."))

        let inPlace = try NotebookBinary.run(["render", folder + "/notes.md", "--to", "md", "--in-place"] + cache)
        #expect(inPlace.status == 0, "\(inPlace.standardError)")
        let kept = try String(contentsOfFile: folder + "/notes.md", encoding: .utf8)
        #expect(kept.contains("`{swift} percent(accuracy)`"), "in place keeps the expressions")

        let export = try NotebookBinary.run(["export", folder + "/notes.md"] + cache)
        #expect(export.status == 0, "\(export.standardError)")
        let ipynb = try String(contentsOfFile: folder + "/notes.ipynb", encoding: .utf8)
        #expect(ipynb.contains("Attention reaches 87% *and* \\\\<b\\\\>bold\\\\</b\\\\>."), "\(ipynb)")
    }

    @Test func anErrorNamesTheProseLineAndFailsTheRun() throws {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let broken = Self.notebook.replacingOccurrences(of: "percent(accuracy)", with: "percent(acc)")
        try broken.write(toFile: folder + "/notes.md", atomically: true, encoding: .utf8)
        let result = try NotebookBinary.run(["render", folder + "/notes.md", "--no-cache"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("notes.md:8:"), "\(result.standardError)")
        #expect(result.standardError.contains("cannot find 'acc' in scope"))
        let report = try String(contentsOfFile: folder + "/notes.html", encoding: .utf8)
        #expect(report.contains("{swift} percent(acc) ⟶ compile error"))
        #expect(result.standardError.contains("notes.html: 1 failed ("), "the failed expression counts")
        // The page says so too: no "all cells ok" above a failed run, and the banner names the line.
        #expect(!report.contains("all cells ok"))
        #expect(report.contains("<span class=\"pill failed\">1 inline expression failed</span>"))
        #expect(report.contains("<strong>An inline expression failed</strong>"))
        #expect(report.contains("inline expression <code>percent(acc)</code>: "))
        #expect(report.contains("notes.md:8"))
        let folderRender = try NotebookBinary.run(["render", folder, "--out", folder + "/reports", "--no-cache"])
        #expect(folderRender.status == 1)
        let index = try String(contentsOfFile: folder + "/reports/index.html", encoding: .utf8)
        #expect(index.contains("failed: 1 inline expression"), "\(index)")
        #expect(!index.contains("all ok"))

        // A sweep point's result says the same as the report would.
        let saved = try NotebookBinary.run([
            "render", folder + "/notes.md", "--no-cache", "--save-result", folder + "/results",
        ])
        #expect(saved.status == 1)
        #expect(saved.standardError.contains("notes.md:8:"), "\(saved.standardError)")
        #expect(saved.standardError.contains(": 1 failed ("), "\(saved.standardError)")

        let check = try NotebookBinary.run(["check", folder + "/notes.md"])
        #expect(check.status != 0)
        #expect(check.standardError.contains("notes.md:8:"), "\(check.standardError)")
    }
}
