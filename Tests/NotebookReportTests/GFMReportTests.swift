import Foundation
import NotebookReport
import Testing

/// GitHub-flavoured Markdown in the report: the extensions' markup survives the sanitiser, and
/// the same markup written by hand is kept only as far as GFM itself would make it.
@Suite struct GFMReportTests {
    func prose(_ markdown: String) -> String {
        let notebook = Fixtures.notebook(markdown + "\n\n```swift\n1\n```\n")
        let body = Fixtures.body(Fixtures.render(notebook, Fixtures.run(for: notebook)).html)
        guard let start = body.range(of: "<div class=\"prose\">"),
            let end = body.range(of: "<section class=\"cell", range: start.upperBound..<body.endIndex)
        else { return body }
        return String(body[start.upperBound..<end.lowerBound])
    }

    @Test func extensionsSurviveTheSanitiser() {
        let html = prose(
            """
            | a | b |
            |:--|--:|
            | ~~x~~ | https://example.org |

            - [x] done

            Note[^1].

            [^1]: The note.

            > [!WARNING]
            > Careful.
            """)
        #expect(html.contains("<th align=\"left\">a</th>"))
        #expect(html.contains("<td align=\"left\"><del>x</del></td>"))
        #expect(html.contains("<a href=\"https://example.org\">https://example.org</a>"))
        #expect(html.contains("<input type=\"checkbox\" disabled=\"\" checked=\"\">"))
        #expect(html.contains("<sup><a href=\"#user-content-fn-1\" id=\"user-content-fnref-1\">1</a></sup>"))
        #expect(html.contains("<section class=\"footnotes\">"))
        #expect(html.contains("<li id=\"user-content-fn-1\">"))
        #expect(html.contains("<div class=\"markdown-alert markdown-alert-warning\">"))
        #expect(html.contains("<p class=\"markdown-alert-title\">Warning</p>"))
    }

    @Test func handWrittenLookalikesStayStrict() {
        let html = prose(
            """
            <input type="text" value="x"> <input type="checkbox"> <input type="checkbox" disabled onclick="x()">
            <div class="evil markdown-alert">d</div> <p class="x">p</p> <a id="toc" href="#a">a</a>
            <section class="other" id="failures">s</section>
            """)
        #expect(!html.contains("type=\"text\""))
        #expect(!html.contains("<input type=\"checkbox\">"), "an enabled checkbox is not GFM output")
        #expect(html.contains("<input type=\"checkbox\" disabled=\"\">"))
        #expect(!html.contains("onclick"))
        #expect(!html.contains("evil"))
        #expect(!html.contains("class=\"x\""))
        #expect(!html.contains("id=\"toc\""))
        #expect(!html.contains("id=\"failures\""))
        #expect(!html.contains("class=\"other\""))
    }

    /// As on GitHub, a link reference definition applies anywhere in the notes: before or after
    /// its use, in another prose block, at a block's edge; the first definition of a label wins.
    @Test func linkReferenceDefinitionsApplyToTheWholeDocument() {
        let notebook = Fixtures.notebook(
            """
            See [the docs][d] and [later][l].

            [d]: https://example.org/docs

            ```swift
            1
            ```

            Again [d], and a note[^1].

            [^1]: b

            ```swift
            2
            ```

            [l]: https://example.org/later "Later"
            [d]: https://example.org/second
            """)
        let body = Fixtures.body(Fixtures.render(notebook, Fixtures.run(for: notebook)).html)
        #expect(body.contains("<a href=\"https://example.org/docs\">the docs</a>"))
        #expect(body.contains("<a href=\"https://example.org/later\" title=\"Later\">later</a>"))
        #expect(body.contains("Again <a href=\"https://example.org/docs\">d</a>"))
        #expect(!body.contains("example.org/second"), "the first definition of a label wins")
        #expect(!body.contains("[d]") && !body.contains("[l]:"))
        #expect(body.contains("<li id=\"user-content-fn-1\">"), "a one-word footnote at a block's end is kept")
    }

    /// Definitions carried into other blocks are read within a budget (4 MB per report), so
    /// notes whose every block names one huge definition do not take quadratic time; past it,
    /// a warning names the block.
    @Test func carriedDefinitionsHaveABudget() {
        let url = "https://example.org/" + String(repeating: "a", count: 300_000)
        let blocks = (1...20).map { "Block \($0) links [big].\n\n```swift\n\($0)\n```\n" }
        let notebook = Fixtures.notebook("[big]: \(url)\n\n```swift\n0\n```\n\n" + blocks.joined(separator: "\n"))
        let report = Fixtures.render(notebook, Fixtures.run(for: notebook))
        let linked = report.html.components(separatedBy: "<a href=\"\(url)\">big</a>").count - 1
        #expect(linked == (4 << 20) / (url.utf8.count + 7), "blocks rendered with the definition")
        let warnings = report.warnings.filter { $0.message.contains("link reference definitions") }
        #expect(warnings.count == 20 - linked)
        #expect(warnings.first?.location.line == 7 + 6 * linked)
    }
}
