import Foundation
import NotebookDocument
import NotebookExecution
import NotebookOutput
import NotebookReport
import Testing

@Suite struct ReportStructureTests {
    static let text = """
        ---
        title: Attention, step by step
        params:
          epochs: 20
        ---
        # Bahdanau attention

        Some **prose** before the first cell.

        ```swift
        let x = 1 + 2
        print("hello from cell one")
        ```

        Between the cells.

        ```swift label=train
        // train the model
        x
        ```

        ```python
        print("not run")
        ```

        ```swift eval=false
        let never = 0
        ```

        ```swift echo=false
        print("hidden code")
        ```

        ```swift output=false
        print("hidden output")
        ```

        ## Results
        The end.
        """

    let notebook = Fixtures.notebook(Self.text)

    func render(statuses: [Int: CellStatus] = [:]) -> String {
        let run = Fixtures.run(
            for: notebook,
            outputs: [
                0: [.stdout("hello from cell one\n")],
                1: [.stdout("step 1\n"), .stderr("careful\n"), .display(.text("a display")), .result(.text("3"))],
                4: [.stdout("hidden code\n")],
                5: [.stdout("hidden output\n")],
            ], statuses: statuses,
            parameters: [Parameter(name: "epochs", value: .int(5), line: 4)])
        return Fixtures.render(notebook, run).html
    }

    @Test func pageIsSelfContainedHTML5() {
        let html = render()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>Attention, step by step</title>"))
        #expect(html.contains("<style>"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("src=\"http"))
        #expect(!html.contains("@import"))
        #expect(html.contains("Content-Security-Policy"))
    }

    @Test func proseAndCellsInDocumentOrder() throws {
        let page = render()
        let html = String(page[try #require(page.range(of: "<main")).lowerBound...])
        let order = [
            "Bahdanau attention", "<strong>prose</strong>", "hello from cell one</pre>", "Between the cells.",
            "train the model", "step 1", "careful", "a display", "Out[2]:", "not run&quot;",
            "never = <span class=\"num\">0",
            "hidden code</pre>", "Results", "The end.",
        ]
        var last = -1
        for piece in order {
            let offset = try #require(html.offset(of: piece), "missing \(piece)")
            #expect(offset > last, "\(piece) is out of order")
            last = offset
        }
    }

    @Test func headerShowsRunFacts() {
        let html = render()
        #expect(html.contains("2025-01-01 12:00:00 +00:00"))
        #expect(html.contains("total 3.50 s"))
        #expect(html.contains("compile 1.25 s"))
        #expect(html.contains("<code>epochs</code>"))
        #expect(html.contains("(default 20)"))
        #expect(html.contains("all cells ok"))
    }

    @Test func executionCountsAndStatus() {
        let html = render()
        #expect(html.contains("In&nbsp;[1]:"))
        #expect(html.contains("In&nbsp;[2]:"))
        #expect(html.contains("Out[2]:"))
        #expect(html.contains("id=\"train\""))
        #expect(html.contains("not evaluated"))
        #expect(html.contains("<span class=\"lang\">python · not run</span>"))
        #expect(html.contains("class=\"output-text stderr\""))
    }

    @Test func echoAndOutputOptions() {
        let html = render()
        #expect(!html.contains("print(<span class=\"str\">&quot;hidden code"))
        #expect(html.contains("hidden code</pre>"))
        #expect(html.contains("hidden output&quot;"))  // code shown
        #expect(!html.contains("hidden output</pre>"))  // output hidden
    }

    @Test func failureBannerLinksToFailingCell() throws {
        let failure = CellFailure(
            kind: .crash, message: "Fatal error: Index out of range\nmore",
            location: SourceLocation(file: "notes/lesson.md", line: 18))
        let html = render(statuses: [1: .failed(failure)])
        let banner = try #require(html.range(of: "class=\"failure-banner\""))
        let main = try #require(html.range(of: "<h1 id="))
        #expect(banner.lowerBound < main.lowerBound, "the banner comes before the notes")
        #expect(html.contains("<a href=\"#train\">cell [2]</a>"))
        #expect(html.contains("<span class=\"kind\">crash</span>"))
        #expect(html.contains("Fatal error: Index out of range"))
        #expect(html.contains("notes/lesson.md:18"))
        #expect(html.contains("1 cell failed"))
        #expect(html.contains("class=\"cell failed\" id=\"train\""))
    }

    @Test func hiddenCodeStillShowsItsFailure() {
        let failure = CellFailure(kind: .uncaughtError, message: "boom")
        let html = render(statuses: [4: .failed(failure)])
        #expect(html.contains("<pre class=\"failure-message\">boom</pre>"))
        let expected = render(statuses: [5: .expectedFailure(CellFailure(kind: .crash, message: "as planned"))])
        #expect(expected.contains("expected failure"))
        #expect(expected.contains("as planned"))
        #expect(!expected.contains("class=\"failure-banner\""))
    }

    @Test func diagnosticsAndProgress() {
        let run = Fixtures.run(
            for: notebook,
            outputs: [
                1: [
                    .progress(Progress(label: "epoch", completed: 1, total: 20, metrics: ["loss": 2.5])),
                    .progress(Progress(label: "epoch", completed: 20, total: 20, metrics: ["loss": 0.125])),
                ]
            ],
            diagnostics: [
                1: [
                    Diagnostic(
                        severity: .warning, message: "variable 'y' was never used",
                        location: SourceLocation(file: "notes/lesson.md", line: 19, column: 5))
                ]
            ])
        let html = Fixtures.render(notebook, run).html
        #expect(html.occurrences(of: "<progress ") == 1)
        #expect(html.contains("<progress value=\"20\" max=\"20\">"))
        #expect(html.contains("0.125"))
        #expect(html.contains("class=\"diag warning\""))
        #expect(html.contains("line 19:5"))
        #expect(html.contains("variable &#39;y&#39; was never used"))
    }

    @Test func tableOfContentsAndHeadingAnchors() {
        let html = render()
        #expect(html.contains("<h1 id=\"bahdanau-attention\">"))
        #expect(html.contains("<h2 id=\"results\">"))
        #expect(html.contains("<a href=\"#results\">Results</a>"))
    }

    @Test func duplicateHeadingsGetDistinctAnchors() {
        let notebook = Fixtures.notebook("# Setup\n\n## Setup\n\n## Setup\n\n## Cell 3\n\n```swift\n1\n```\n")
        let html = Fixtures.render(notebook, Fixtures.run(for: notebook)).html
        #expect(html.contains("id=\"setup\""))
        #expect(html.contains("id=\"setup-1\""))
        #expect(html.contains("id=\"setup-2\""))
    }
}
