import Foundation
import NotebookDocument
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
    /// one warning names the first block that misses one, and small definitions still fit.
    @Test func carriedDefinitionsHaveABudget() {
        let url = "https://example.org/" + String(repeating: "a", count: 300_000)
        let blocks = (1...20).map { "Block \($0) links [big] and [small].\n\n```swift\n\($0)\n```\n" }
        let notebook = Fixtures.notebook(
            "[big]: \(url)\n[small]: /s\n\n```swift\n0\n```\n\n" + blocks.joined(separator: "\n"))
        let report = Fixtures.render(notebook, Fixtures.run(for: notebook))
        let linked = report.html.components(separatedBy: "<a href=\"\(url)\">big</a>").count - 1
        #expect(linked == (4 << 20) / (url.utf8.count + 7), "blocks rendered with the big definition")
        #expect(report.html.components(separatedBy: "<a href=\"/s\">small</a>").count - 1 == 20)
        let warnings = report.warnings.filter { $0.message.contains("link reference definition [big] (line 1)") }
        #expect(warnings.map(\.location.line) == [8 + 6 * linked], "\(report.warnings)")
    }
}

/// The report renders a prose block from the tree the notebook's parse kept
/// (``ProseBlock/parsedTree``) where it can: the same bytes as parsing the block's text again.
@Suite struct KeptProseTreeTests {
    /// Prose blocks with and without kept trees: tables, lists, quotes, inline expressions,
    /// link definitions inside and outside a block, footnotes, math, and an unclosed fence in a
    /// list before a cell.
    static let notebook = """
        # Notes

        | a | b |
        | :-- | --: |
        | *x* | `y \\| z` |

        - [ ] task with ~~old~~ www.example.com
          - nested
            > quoted [ref] and `{swift} 1 + 1`

        [ref]: https://example.org/ref

        ```swift
        print(1)
        ```

        Uses [later] and a note[^1].

        ```swift
        print(2)
        ```

        [later]: https://example.org/later

        [^1]: The note.

        ```swift
        print(3)
        ```

        Math $h_t = W x_t$ here.

        ```swift
        print(4)
        ```

        - item
          ```
          open fence

        ```swift
        print(5)
        ```

        Setext
        ---
            indented cell
        """

    func withoutTrees(_ notebook: Notebook) -> Notebook {
        var copy = notebook
        copy.blocks = notebook.blocks.map { block in
            guard case .prose(var prose) = block else { return block }
            prose.parsedTree = nil
            return .prose(prose)
        }
        return copy
    }

    @Test func keptTreesRenderWhatReparsingRenders() {
        let kept = Fixtures.notebook(Self.notebook)
        let reparsed = withoutTrees(Fixtures.notebook(Self.notebook))
        let html = Fixtures.render(kept, Fixtures.run(for: kept)).html
        #expect(html == Fixtures.render(reparsed, Fixtures.run(for: reparsed)).html)
        #expect(html.contains("<td align=\"left\"><em>x</em></td>"))
        #expect(html.contains("<a href=\"https://example.org/ref\">ref</a>"))
        #expect(html.contains("<a href=\"https://example.org/later\">later</a>"))
    }

    /// Only blocks whose tree would be the same alone keep it: not one that uses a definition
    /// outside it, nor one with a footnote definition, nor one ending in an open fence.
    @Test func onlyBlocksThatParseTheSameAloneKeepTheirTrees() {
        let kept = Fixtures.notebook(Self.notebook).blocks.compactMap { block -> Bool? in
            guard case .prose(let prose) = block else { return nil }
            return prose.parsedTree != nil
        }
        // Any `]:` outside a block keeps every other block from keeping its tree.
        #expect(kept == [false, false, false, false, false, false])
        let simple = Fixtures.notebook(
            "# A\n\n- list\n  > quote\n\n```swift\n1\n```\n\n| a |\n| - |\n| b |\n\n```swift\n2\n```\n\n- item\n  ```\n  open\n\n```swift\n3\n```\n"
        )
        let simpleKept = simple.blocks.compactMap { block -> Bool? in
            guard case .prose(let prose) = block else { return nil }
            return prose.parsedTree != nil
        }
        #expect(simpleKept == [true, true, false])
        let reparsed = withoutTrees(Fixtures.notebook(simple.sourceText))
        #expect(
            Fixtures.render(simple, Fixtures.run(for: simple)).html
                == Fixtures.render(reparsed, Fixtures.run(for: reparsed)).html)
    }

    /// A block with footnote definitions keeps the tree of its protected text, and reads its
    /// table rows from that text: a row that starts like a definition (`[^2]: a | b`) is a
    /// protected row in both parses (unprotected, the cell alone would be a link definition).
    @Test func footnoteDefinitionsKeepTheTreeOfTheProtectedText() {
        let source = """
            A note[^1] and [^2].

            | a | b |
            | - | - |
            | x | y |
            [^2]: a | b

            [^1]: word

            ```swift
            1
            ```

            After.
            """
        let notebook = Fixtures.notebook(source)
        let kept = notebook.blocks.compactMap { block -> String?? in
            guard case .prose(let prose) = block else { return nil }
            return .some(prose.parsedTree.map { $0.text ?? "" })
        }
        #expect(kept.count == 2)
        #expect(kept.first??.contains("\\[^2]: a | b") == true)
        #expect(kept.first??.contains("\\[^1]: word") == true)
        let html = Fixtures.render(notebook, Fixtures.run(for: notebook)).html
        let reparsed = withoutTrees(Fixtures.notebook(source))
        #expect(html == Fixtures.render(reparsed, Fixtures.run(for: reparsed)).html)
        #expect(html.contains("<td>[^2]: a</td>"))
        #expect(html.contains("<li id=\"user-content-fn-1\">"))
    }

    /// A tree is given once: a notebook rendered twice parses the text the second time, and the
    /// report is the same.
    @Test func aSecondRenderParsesAgain() {
        let notebook = Fixtures.notebook("# A\n\n- *list*\n\n```swift\n1\n```\n")
        let first = Fixtures.render(notebook, Fixtures.run(for: notebook)).html
        #expect(first == Fixtures.render(notebook, Fixtures.run(for: notebook)).html)
    }
}
