import Foundation
import NotebookOutput
import NotebookReport
import Testing

@Suite struct TruncationTests {
    func render(_ text: String, options: ReportOptions = ReportOptions(timeZone: TimeZone(identifier: "UTC")!))
        -> String
    {
        let notebook = Fixtures.notebook("```swift\nx\n```\n")
        return Fixtures.render(notebook, Fixtures.run(for: notebook, outputs: [0: [.stdout(text)]]), options: options)
            .html
    }

    @Test func hundredMegabytesStayUnderAFewMegabytes() {
        let line = String(repeating: "x", count: 99) + "\n"
        let text = String(repeating: line, count: 1_000_000)  // 100 MB, 1,000,000 lines
        let html = render("FIRST LINE\n" + text + "LAST LINE")
        #expect(html.utf8.count < 3_000_000)
        #expect(html.contains("output truncated: 100.0 MB, 1,000,002 lines"))
        #expect(html.contains("FIRST LINE"))
        #expect(html.contains("LAST LINE"))
    }

    @Test func oneHugeLineIsCutInsideTheLineWithoutBreakingCharacters() {
        let text = String(repeating: "é", count: 300_000)  // 600 KB, one line
        let html = render(text)
        #expect(html.contains("output truncated"))
        #expect(!html.contains("\u{FFFD}"))
        #expect(html.utf8.count < 400_000)
    }

    @Test func manyShortLinesAreLimitedByLineCount() {
        let text = (1...20_000).map(String.init).joined(separator: "\n")
        let html = render(text, options: ReportOptions(maximumOutputLines: 100, timeZone: TimeZone(identifier: "UTC")!))
        #expect(html.contains("20,000 lines"))
        #expect(html.contains(">1\n2\n"))
        #expect(html.contains("19999\n20000</pre>"))
        #expect(!html.contains("\n10000\n"))
    }

    @Test func shortOutputIsWhole() {
        let html = render("a\nb\nc")
        #expect(!html.contains("output truncated"))
        #expect(html.contains(">a\nb\nc</pre>"))
    }

    @Test func longOutputIsCollapsible() {
        let html = render((1...100).map(String.init).joined(separator: "\n"))
        #expect(html.contains("<details class=\"output stdout long-output\" open><summary>stdout: 100 lines"))
    }
}
