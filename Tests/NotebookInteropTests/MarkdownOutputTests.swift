import Foundation
import NotebookDocument
import NotebookInterop
import Testing

@Suite struct MarkdownOutputTests {
    private let writer = MarkdownOutputWriter(imageFolder: "fixture.out_files")

    @Test func outputsGoUnderTheirCellsInMarkedRegions() throws {
        let notebook = try Support.notebook()
        let result = writer.write(notebook: notebook, run: Support.run(for: notebook))
        let text = result.markdown
        #expect(text.components(separatedBy: GeneratedOutputRegion.beginMarker).count == 4)
        #expect(text.components(separatedBy: GeneratedOutputRegion.endMarker).count == 4)
        #expect(
            text.contains("print(\"scale \\(scale)\")\n```\n\n<!-- notebook:output -->\n```text\nscale 2\nmore\n```"))
        #expect(text.contains("*stderr:*\n\n```text\ncareful\n```"))
        #expect(text.contains("**Values**\n\n| name | value |\n| --- | --- |\n| a\\|b | 1 |\n| \\<c\\> | 2.5 |"))
        #expect(text.contains("![line chart: Loss (1 series, 3 points) — loss](fixture.out_files/chart-1.svg)"))
        #expect(text.contains("**Out[2]:**\n\n```text\n20\n```"))
        #expect(text.contains("**expected failure: crash** at cell line 2\n"))
        #expect(result.images.map(\.path) == ["fixture.out_files/chart-1.svg", "fixture.out_files/chart-2.svg"])
        #expect(result.images.allSatisfy { String(decoding: $0.contents, as: UTF8.self).hasPrefix("<svg") })
        // The Python block gets nothing.
        #expect(text.contains("print(\"shown, not run\")\n```\n\n```swift echo=false"))
    }

    @Test func theParserIgnoresOutputsAndRewritingIsIdempotent() throws {
        let notebook = try Support.notebook()
        let run = Support.run(for: notebook)
        let once = writer.write(notebook: notebook, run: run).markdown
        let reparsed = try NotebookParser.parse(text: once, path: "fixture.md")
        #expect(Support.essence(reparsed) == Support.essence(notebook))
        // Line numbers are those of the rewritten file: each cell's fence line is its fence.
        let lines = once.split(separator: "\n", omittingEmptySubsequences: false)
        for cell in reparsed.codeCells {
            #expect(lines[cell.fenceLine - 1].hasPrefix("```" + cell.language), "line \(cell.fenceLine)")
        }
        // The run of the rewritten file: its failure is reported at the cell's new line.
        let twice = writer.write(notebook: reparsed, run: Support.run(for: reparsed)).markdown
        #expect(twice == once)
    }

    @Test func newOutputsReplaceOldOnes() throws {
        let notebook = try Support.notebook()
        var run = Support.run(for: notebook)
        let once = writer.write(notebook: notebook, run: run).markdown
        run.cells[0].outputs = [.stdout("changed\n")]
        let reparsed = try NotebookParser.parse(text: once, path: "fixture.md")
        let updated = writer.write(notebook: reparsed, run: run).markdown
        #expect(updated.contains("```text\nchanged\n```"))
        #expect(!updated.contains("scale 2\nmore"))
        #expect(updated.components(separatedBy: GeneratedOutputRegion.beginMarker).count == 4)
    }

    @Test func anUnclosedRegionIsAnErrorAtItsBeginMarker() throws {
        // Reading it to the end of the file would silently drop the cell after it.
        let text = "# T\n\n```swift\nprint(1)\n```\n\n<!-- notebook:output -->\n```swift\nprint(2)\n```\n"
        #expect(throws: DocumentError.self) { try NotebookParser.parse(text: text, path: "t.md") }
        do {
            _ = try NotebookParser.parse(text: text, path: "t.md")
        } catch {
            #expect(error.description.hasPrefix("t.md:7: error: output region opened here is never closed"))
        }
    }

    @Test func anEndMarkerInsideAFencedOutputIsText() throws {
        let text =
            "# T\n\n```swift\nprint(1)\n```\n\n<!-- notebook:output -->\n````text\n<!-- /notebook:output -->\n```swift\nprint(2)\n```\n````\n\n<!-- /notebook:output -->\n"
        let notebook = try NotebookParser.parse(text: text, path: "t.md")
        #expect(notebook.codeCells.count == 1)
    }
}
