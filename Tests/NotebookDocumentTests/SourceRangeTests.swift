import NotebookDocument
import Testing

/// Every block and cell keeps where it sits, and the notebook keeps the text it was parsed from,
/// so writers never read the file again or re-detect fences.
@Suite struct SourceRangeTests {
    private static let text = """
        ---
        title: Ranges
        ---
        # Heading

        Some *prose*.

        ````swift
        let x = 1
        ````

        <!-- notebook:output -->
        ```text
        old output
        ```

        <!-- /notebook:output -->

        ```python
        print(2)
        ```

            indented code
            second line
        """

    @Test func cellsRunFromOpeningToClosingFence() throws {
        let notebook = try NotebookParser.parse(text: Self.text, path: "ranges.md")
        let cells = notebook.codeCells
        #expect(cells.count == 3)
        #expect(cells[0].range == SourceRange(startLine: 8, startColumn: 1, endLine: 10, endColumn: 4))
        #expect(cells[0].fenceLine == 8 && cells[0].sourceLine == 9)
        #expect(cells[1].range.startLine == 19 && cells[1].range.endLine == 21)
        #expect(cells[2].range.startLine == 23 && cells[2].range.endLine == 24)
        let lines = notebook.sourceLines
        #expect(cells[1].range.lineIndices.map { lines[$0] } == ["```python", "print(2)", "```"])
    }

    @Test func proseKeepsItsRange() throws {
        let notebook = try NotebookParser.parse(text: Self.text, path: "ranges.md")
        guard case .prose(let prose) = notebook.blocks[0] else {
            Issue.record("the first block is not prose")
            return
        }
        #expect(prose.range == SourceRange(startLine: 4, startColumn: 1, endLine: 6, endColumn: 13))
    }

    @Test func theNotebookKeepsItsTextWithOutputsAndNormalisedLineEnds() throws {
        let crlf = "\u{FEFF}" + Self.text.replacingOccurrences(of: "\n", with: "\r\n")
        let notebook = try NotebookParser.parse(text: crlf, path: "ranges.md")
        #expect(notebook.sourceText == Self.text)
        #expect(notebook.sourceText.contains("old output"), "outputs of --to md stay in the source text")
        #expect(!notebook.codeCells.contains { $0.source.contains("old output") }, "but are no cell")
    }
}
