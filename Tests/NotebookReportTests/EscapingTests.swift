import Foundation
import NotebookDocument
import NotebookExecution
import NotebookOutput
import NotebookReport
import Testing

@Suite struct EscapingTests {
    static let hostile = [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'><svg onload=alert(1)>",
        "</pre></div><script>alert(2)</script>", "<a href=\"javascript:alert(3)\">x</a>",
    ]

    func report(outputs: [CellOutput], prose: String = "Some notes.") -> String {
        let notebook = Fixtures.notebook(
            "---\ntitle: \"<b>t</b>\"\n---\n\(prose)\n\n```swift label=c1\nlet s = \"<script>\"\n```\n")
        let run = Fixtures.run(for: notebook, outputs: [0: outputs])
        return Fixtures.render(notebook, run).html
    }

    /// No markup a cell or the notes could inject survives in the page: it may show as text, but
    /// no tag carries a handler or a script URL.
    func expectInert(_ html: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let body = Fixtures.body(html).lowercased()
        #expect(!body.contains("<script"), sourceLocation: sourceLocation)
        #expect(!body.contains("<svg onload"), sourceLocation: sourceLocation)
        #expect(!body.contains("<img src=x"), sourceLocation: sourceLocation)
        for tag in body.split(separator: "<").dropFirst() {
            // The tag without its (double-quoted, escaped) attribute values: names only.
            let inside = tag.prefix(while: { $0 != ">" }).split(separator: "\"", omittingEmptySubsequences: false)
                .enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined(separator: "\"\"")
            #expect(!inside.contains("onerror"), "\(inside)", sourceLocation: sourceLocation)
            #expect(!inside.contains("onload"), "\(inside)", sourceLocation: sourceLocation)
            #expect(!inside.contains("javascript:"), "\(inside)", sourceLocation: sourceLocation)
        }
        #expect(html.occurrences(of: "<script") == 1, "only the report's own script", sourceLocation: sourceLocation)
    }

    @Test func hostileTextOutputsAreEscaped() {
        for text in Self.hostile {
            let html = report(outputs: [.stdout(text), .stderr(text), .display(.text(text)), .result(.text(text))])
            expectInert(html)
            #expect(html.contains("&lt;script&gt;") || !text.contains("<script"))
        }
    }

    @Test func hostileRichOutputsAreEscaped() {
        for text in Self.hostile {
            let outputs: [CellOutput] = [
                .display(.table(Table(columns: [text], rows: [[text, text]], caption: text))),
                .display(
                    .heatmap(
                        Heatmap(
                            values: [[1, 2]], rowLabels: [text], columnLabels: [text, text], title: text, xLabel: text,
                            yLabel: text, showsValues: true))),
                .display(
                    .lineChart(
                        LineChart(series: [Series(name: text, y: [1, 2])], title: text, xLabel: text, yLabel: text))),
                .display(.barChart(BarChart(labels: [text], values: [1], title: text, yLabel: text))),
                .display(.panels(Panels([.text(text)], title: text))),
                .progress(Progress(label: text, completed: 1, total: 2, metrics: [text: 1])),
            ]
            expectInert(report(outputs: outputs))
        }
    }

    @Test func titleAndFailureAndDiagnosticsAreEscaped() {
        let notebook = Fixtures.notebook("---\ntitle: \"<script>alert(1)</script>\"\n---\n```swift\nx\n```\n")
        let failure = CellFailure(
            kind: .crash, message: "<img src=x onerror=alert(1)>", location: SourceLocation(file: "<b>.md", line: 1))
        let run = Fixtures.run(
            for: notebook, statuses: [0: .failed(failure)],
            diagnostics: [0: [Diagnostic(severity: .error, message: "\"><script>alert(1)</script>")]],
            parameters: [Parameter(name: "p", value: .string("<script>alert(1)</script>"), line: 1)])
        let html = Fixtures.render(notebook, run).html
        expectInert(html)
        #expect(html.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>"))
    }

    @Test func attributeValuesEscapeQuotes() {
        let notebook = Fixtures.notebook("```swift label=ok\nx\n```\n")
        let html = Fixtures.render(
            notebook,
            Fixtures.run(
                for: notebook,
                outputs: [0: [.display(.heatmap(Heatmap(values: [[1]], rowLabels: ["a\"b'c"], columnLabels: ["x"])))]])
        ).html
        #expect(html.contains("a&quot;b&#39;c"))
        #expect(!html.contains("a\"b'c"))
    }

    @Test func controlCharactersAreShownVisibly() {
        let html = report(outputs: [.stdout("nul\u{0}bell\u{7}esc\u{1B}[31mred del\u{7F} c1\u{85} tab\tnew\nline")])
        #expect(html.contains("nul␀bell␇esc␛[31mred del␡ c1\u{FFFD} tab\tnew\nline"))
        let body = Fixtures.body(html)
        for scalar in body.unicodeScalars {
            let value = scalar.value
            #expect(
                !(value < 0x20 && value != 0x0A && value != 0x09) && value != 0x7F && !(0x80...0x9F).contains(value))
        }
    }

    @Test func carriageReturnsOverwriteLikeATerminal() {
        let html = report(outputs: [.stdout("progress 10%\rprogress 50%\rprogress 100%\ndone\r\n")])
        #expect(html.contains("progress 100%\ndone"))
        #expect(!html.contains("progress 10%"))
    }

    @Test func codeIsEscapedInsideHighlighting() {
        let notebook = Fixtures.notebook(
            "```swift\nlet s = \"</code></pre><script>alert(1)</script>\" // <b>\n```\n\n```python\n</code><script>x</script>\n```\n"
        )
        let html = Fixtures.render(notebook, Fixtures.run(for: notebook)).html
        expectInert(html)
        #expect(html.contains("&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;"))
    }

    @Test func indexPageEscapesAndNeutralisesLinks() {
        let entries = [
            ReportIndexEntry(
                title: "<script>alert(1)</script>", reportPath: "javascript:alert(1)", notebookPath: "\"><b>",
                failures: RunFailures(cells: 2), runDate: Fixtures.date, totalSeconds: 1, fromCache: true),
            ReportIndexEntry(
                title: "ok", reportPath: "lessons/a b&c.html", notebookPath: "a.md", failures: RunFailures(cells: 0),
                runDate: Fixtures.date, totalSeconds: 61, fromCache: false),
        ]
        let html = IndexPage(options: ReportOptions(timeZone: TimeZone(identifier: "UTC")!)).render(entries: entries)
        expectInert(html)
        #expect(
            html.contains("href=\"./javascript%3Aalert(1)\"") || html.contains("href=\"./javascript%3Aalert%281%29\""))
        #expect(html.contains("href=\"./lessons/a%20b%26c.html\""))
        #expect(html.contains("failed: 2 cells"))
        #expect(html.contains("cached"))
        #expect(html.contains("1 min 01 s"))
    }
}
