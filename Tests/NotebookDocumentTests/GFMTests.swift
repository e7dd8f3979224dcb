import Foundation
import NotebookDocument
import Testing

/// GitHub-flavoured Markdown over libcmark, case by case from the GFM spec's descriptions.
@Suite struct GFMTests {
    private func html(_ markdown: String) -> String { MarkdownRenderer.html(markdown) }

    // MARK: Tables

    @Test func tableWithAlignmentAndInlineMarkdown() {
        let result = html(
            "| Left | Centre | Right | None |\n|:-----|:------:|------:|------|\n| *a* | `b` | **c** | [d](https://x.org) |\n"
        )
        #expect(
            result.contains(
                "<table>\n<thead>\n<tr>\n<th align=\"left\">Left</th>\n<th align=\"center\">Centre</th>\n<th align=\"right\">Right</th>\n<th>None</th>"
            ))
        #expect(result.contains("<td align=\"left\"><em>a</em></td>"))
        #expect(result.contains("<td align=\"center\"><code>b</code></td>"))
        #expect(result.contains("<td align=\"right\"><strong>c</strong></td>"))
        #expect(result.contains("<td><a href=\"https://x.org\">d</a></td>"))
        #expect(!result.contains("<p>|"))
    }

    @Test func escapedPipesStayInTheCellEvenInCodeSpans() {
        let result = html("| a | b |\n|---|---|\n| `x \\| y` | p\\|q |\n")
        #expect(result.contains("<td><code>x | y</code></td>"))
        #expect(result.contains("<td>p|q</td>"))
    }

    @Test func unescapedPipeInACodeSpanSplitsTheCell() {
        // The spec: cells split before inline parsing, so a bare pipe in backticks splits.
        let result = html("| a | b |\n|---|---|\n| `x | y` |\n")
        #expect(result.contains("<td>`x</td>\n<td>y`</td>"))
    }

    @Test func tableWithoutLeadingAndTrailingPipes() {
        let result = html("name | value\n--- | ---:\nx | 1\n")
        #expect(result.contains("<th>name</th>\n<th align=\"right\">value</th>"))
        #expect(result.contains("<td>x</td>\n<td align=\"right\">1</td>"))
    }

    @Test func headerAndDelimiterCountMismatchIsNotATable() {
        let result = html("| a | b |\n|---|\n| c | d |\n")
        #expect(!result.contains("<table>"))
        #expect(result.contains("<p>| a | b |"))
    }

    @Test func rowsArePaddedOrCutToTheHeaderWidth() {
        let result = html("| a | b |\n|---|---|\n| 1 |\n| 1 | 2 | 3 |\n")
        #expect(result.contains("<tr>\n<td>1</td>\n<td></td>\n</tr>"))
        #expect(result.contains("<tr>\n<td>1</td>\n<td>2</td>\n</tr>"))
        #expect(!result.contains("<td>3</td>"))
    }

    @Test func headerOnlyTableHasNoBody() {
        let result = html("| a |\n|---|\n")
        #expect(result.contains("<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>"))
        #expect(!result.contains("<tbody>"))
    }

    @Test func textBeforeTheHeaderStaysAParagraph() {
        let result = html("Results:\n| a | b |\n|---|---|\n| 1 | 2 |\n")
        #expect(result.contains("<p>Results:</p>\n<table>"))
    }

    @Test func tableInsideABlockQuote() {
        let result = html("> | a | b |\n> |---|---|\n> | 1 | 2 |\n")
        #expect(result.contains("<blockquote>\n<table>"))
        #expect(result.contains("<td>1</td>\n<td>2</td>"))
    }

    @Test func cellTextThatLooksLikeABlockIsShownAsText() {
        let result = html("| a |\n|---|\n| # not a heading |\n")
        #expect(result.contains("<td># not a heading</td>"))
    }

    /// The body cells of the first table in `html`, in order.
    private func bodyCells(_ html: String) -> [String] {
        guard let body = html.range(of: "<tbody>\n") else { return [] }
        return html[body.upperBound...].components(separatedBy: "<td>").dropFirst().map {
            String($0.prefix { $0 != "\n" }.dropLast("</td>".count))
        }
    }

    /// A table's cells share one cmark document: each must still render as it does alone, and
    /// a cell that is no paragraph alone (a definition, a heading, a fence, an HTML block) must
    /// not change the others.
    @Test func everyCellRendersAsItDoesAlone() {
        let benign = [
            "*a*", "**b", "`c` d", "e\\", "===", "[f]", "[g](https://x.org)", "www.example.com ~~h~~", "&amp; &#91;^1]",
            "<i>i</i>", "j  k", "**l** *m* `n`", "~o~", "[^1]: p", "<span>", "q <!-- r",
        ]
        let hostile = ["[a]: https://x.org", "# s", "```", "<!-- t", "<div>", "<script>", "- u", "> v", "---", "[a]"]
        for cells in [benign, benign + hostile, hostile.reversed() + benign] {
            let alone = cells.map { bodyCells(html("| h |\n|---|\n| \($0) |\n")).first ?? "missing" }
            let together = bodyCells(html("| h |\n|---|\n" + cells.map { "| \($0) |\n" }.joined()))
            #expect(together == alone)
        }
        let defined = bodyCells(html("| h |\n|---|\n| [a]: https://x.org |\n| [a] |\n"))
        #expect(defined == ["[a]: https://x.org", "[a]"])
    }

    /// The passes run when their markers are in the decoded text, even when the source spells
    /// them as character references (a pass skipped for want of `[^` or `~` in the source would
    /// miss these).
    @Test func markersWrittenAsCharacterReferencesStillWork() {
        let result = html(
            "Ref&#91;^1] here.\n\n&#91;^1]: The note.\n\n- &#91;x] done\n\n> &#91;!TIP]\n> body\n\n"
                + "&#126;&#126;old&#126;&#126; and &#104;ttps://example.org\n")
        #expect(result.contains("<a href=\"#user-content-fn-1\" id=\"user-content-fnref-1\">1</a>"))
        #expect(result.contains("<input type=\"checkbox\" disabled=\"\" checked=\"\" />"))
        #expect(result.contains("<div class=\"markdown-alert markdown-alert-tip\">"))
        #expect(result.contains("<del>old</del>"))
        #expect(result.contains("<a href=\"https://example.org\">https://example.org</a>"))
    }

    // MARK: Strikethrough

    @Test func strikethrough() {
        #expect(html("~~gone~~ and ~one~").contains("<del>gone</del> and <del>one</del>"))
        #expect(html("~~a *b* c~~").contains("<del>a <em>b</em> c</del>"))
        #expect(html("a ~~~three~~~ b").contains("a ~~~three~~~ b"), "runs of three are not strikethrough")
        #expect(html("a ~~ b ~~ c").contains("a ~~ b ~~ c"), "an opener followed by space does not open")
        #expect(html("`~~code~~`").contains("<code>~~code~~</code>"))
        #expect(html("~~mismatch~").contains("~~mismatch~"))
    }

    @Test func strikethroughAmongMultiByteText() {
        #expect(html("é ~~ü 😀~~ ä").contains("é <del>ü 😀</del> ä"))
        #expect(html("日本~語~").contains("日本<del>語</del>"))
        // The pass reads scalars: a tilde that carries a combining mark is still a tilde.
        #expect(html("~\u{301}x~\u{301}").contains("<del>\u{301}x</del>\u{301}"))
    }

    // MARK: Autolinks

    @Test func autolinksAmongMultiByteText() {
        #expect(html("é https://x.org/ä ü").contains("é <a href=\"https://x.org/%C3%A4\">https://x.org/ä</a> ü"))
        #expect(html("😀 www.x.org").contains("😀 <a href=\"http://www.x.org\">www.x.org</a>"))
        // No-break and ideographic spaces are white space: they start and end a link.
        #expect(html("a\u{A0}https://x.org\u{3000}b").contains("<a href=\"https://x.org\">https://x.org</a>\u{3000}b"))
        #expect(!html("→https://x.org").contains("href"), "a symbol before the link is not a word boundary")
        #expect(!html("e\u{301}https://x.org").contains("href"), "nor is a combining mark")
        #expect(html("HTTP://x.org").contains("href=\"HTTP://x.org\""), "the link keeps the case it was written in")
    }

    /// Each unmatched `)` is taken off without counting the link's parentheses again (that made
    /// a long run of them quadratic).
    @Test func manyUnmatchedParenthesesAreTakenOffTheLink() {
        let closing = String(repeating: ")", count: 100_000)
        let rendered = html("(https://x.org/a(b)" + closing)
        #expect(rendered.contains("(<a href=\"https://x.org/a(b)\">https://x.org/a(b)</a>" + closing + "</p>"))
    }

    /// A word of many `(http://` candidates ending in `)`: every candidate is trimmed against
    /// the same word, whose parentheses are counted once (per candidate, 40 000 candidates made
    /// 1.6 billion character visits). None is a link: each host starts with `(`.
    @Test func aWordOfManyParenthesisedCandidatesIsNoLink() {
        let word = String(repeating: "(http://", count: 40_000) + ")"
        let rendered = html(word)
        #expect(!rendered.contains("href"))
        #expect(rendered == "<p>" + word + "</p>\n")
        let entity = html(String(repeating: "(www.", count: 40_000) + "x&amp1;")
        #expect(!entity.contains("href"))
    }

    /// Trimming a candidate's end, rule by rule, where the candidates of one word share its
    /// counts: unmatched `)` only (counted from the candidate's own start), trailing
    /// punctuation, and an entity-like `&name;` only when its `&` is in the candidate.
    @Test func trimmingUsesEachCandidatesOwnParentheses() {
        #expect(html("(https://a.org/x(y)).").contains("(<a href=\"https://a.org/x(y)\">https://a.org/x(y)</a>).</p>"))
        #expect(html("((https://a.org/x)))").contains("((<a href=\"https://a.org/x\">https://a.org/x</a>)))</p>"))
        #expect(html("https://a.org/(b).)),").contains("<a href=\"https://a.org/(b)\">https://a.org/(b)</a>.)),</p>"))
        #expect(html("https://a.org/b&amp;c;").contains("<a href=\"https://a.org/b\">https://a.org/b</a>&amp;c;"))
        #expect(html("https://a.org/b&c;d").contains("<a href=\"https://a.org/b&amp;c;d\">"))
        #expect(html("https://a.b.org/c?d=e&f;!").contains("<a href=\"https://a.b.org/c?d=e\">"))
        // The second candidate of the word follows an invalid first one and keeps its own `)`.
        #expect(html("(www.x_(https://ok.org/a)b)").contains("<a href=\"https://ok.org/a)b\">https://ok.org/a)b</a>)"))
        #expect(!html("_www.a.b_x.y_").contains("href"), "no `_` in the last two labels")
        #expect(html("localhost.x https://LOCALHOST:8080/a.").contains("<a href=\"https://LOCALHOST:8080/a\">"))
        #expect(!html("https://a..org").contains("href"))
        #expect(!html("https://a.or_g").contains("href"))
        #expect(html("https://a_b.c.org").contains("href=\"https://a_b.c.org\""))
    }

    @Test func bareURLsAndWWWBecomeLinks() {
        #expect(
            html("See https://example.org/a_b?c=1 now").contains(
                "See <a href=\"https://example.org/a_b?c=1\">https://example.org/a_b?c=1</a> now"))
        #expect(
            html("Visit www.commonmark.org/help.").contains(
                "<a href=\"http://www.commonmark.org/help\">www.commonmark.org/help</a>."))
        #expect(html("(see https://x.org/p)").contains("(see <a href=\"https://x.org/p\">https://x.org/p</a>)"))
        #expect(
            html("https://en.wikipedia.org/wiki/Pipe_(computing)").contains(
                "href=\"https://en.wikipedia.org/wiki/Pipe_(computing)\""))
        #expect(html("Is it https://x.org?").contains("<a href=\"https://x.org\">https://x.org</a>?"))
        #expect(
            html("[text](https://a.org) https://b.org").contains(
                "<a href=\"https://a.org\">text</a> <a href=\"https://b.org\">"))
        #expect(!html("`https://code.org`").contains("href"))
        #expect(!html("xhttps://x.org").contains("href"), "a link starts at a word boundary")
        #expect(!html("www.nodot").contains("href"))
    }

    // MARK: Task lists

    @Test func taskListItemsGetDisabledCheckboxes() {
        let result = html("- [ ] todo\n- [x] done\n  - [X] nested done\n- [y] not a task\n- plain\n")
        #expect(result.contains("<li><input type=\"checkbox\" disabled=\"\" /> todo</li>"))
        #expect(
            result.contains(
                "<li><input type=\"checkbox\" disabled=\"\" checked=\"\" /> done\n<ul>\n<li><input type=\"checkbox\" disabled=\"\" checked=\"\" /> nested done</li>"
            ))
        #expect(result.contains("<li>[y] not a task</li>"))
        #expect(result.contains("<li>plain</li>"))
    }

    // MARK: Footnotes

    @Test func footnotesAreNumberedInOrderOfUseAndListedAtTheEnd() {
        let result = html(
            "Second[^b] then first[^a] and again[^b].\n\n[^a]: The a note.\n[^b]: word\n\n[^unused]: dropped\n")
        #expect(result.contains("Second<sup><a href=\"#user-content-fn-b\" id=\"user-content-fnref-b\">1</a></sup>"))
        #expect(result.contains("first<sup><a href=\"#user-content-fn-a\" id=\"user-content-fnref-a\">2</a></sup>"))
        #expect(result.contains("again<sup><a href=\"#user-content-fn-b\">1</a></sup>"))
        #expect(
            result.contains(
                "<section class=\"footnotes\">\n<ol>\n<li id=\"user-content-fn-b\">\n<p>word <a href=\"#user-content-fnref-b\">↩</a></p>\n</li>\n<li id=\"user-content-fn-a\">\n<p>The a note. <a href=\"#user-content-fnref-a\">↩</a></p>"
            ))
        #expect(!result.contains("dropped"))
        #expect(html("No note[^x] here.").contains("No note[^x] here."))
    }

    /// 40,000 definitions on consecutive lines (one paragraph to cmark, split at each) and as
    /// many references: each child moves once and each number is looked up, not searched (the
    /// split moved every later line at each definition: 20,000 notes took 32 s, 40,000 over two
    /// minutes; now about 2 s). The output is checked; the time is not (see `GFMLinearTimeTests`).
    @Test func manyFootnotesAreLinear() {
        let count = 40_000
        let references = (0..<count).map { "[^\($0)]" }.joined()
        let definitions = (0..<count).map { "[^\($0)]: note \($0)" }.joined(separator: "\n")
        let result = html(references + "\n\n" + definitions + "\n")
        #expect(result.contains("<a href=\"#user-content-fn-39999\" id=\"user-content-fnref-39999\">40000</a>"))
        #expect(result.contains("<li id=\"user-content-fn-0\">\n<p>note 0 <a href=\"#user-content-fnref-0\">↩</a></p>"))
        #expect(result.contains("<p>note 39999 <a href=\"#user-content-fnref-39999\">↩</a></p>\n</li>\n</ol>"))
    }

    /// Labels are read by characters: a combining mark on `]` or `:` makes a different character
    /// (no definition), a label may be any non-space text (its id keeps ASCII letters, digits,
    /// `-` and `_`), and the text after the colon keeps a combining mark on its first space.
    @Test func footnoteLabelsAreReadByCharacters() {
        let joinedBracket = html("Use[^a].\n\n[^a]\u{301}: not a note\n")
        #expect(!joinedBracket.contains("footnotes"))
        #expect(joinedBracket.contains("Use[^a]."))
        #expect(!html("Use[^a].\n\n[^a]:\u{301} x\n").contains("footnotes"))
        let accented = html("Café[^é-1] and[^x y].\n\n[^é-1]: accent\n\n[^x y]: space\n")
        #expect(accented.contains("<sup><a href=\"#user-content-fn---1\" id=\"user-content-fnref---1\">1</a></sup>"))
        #expect(accented.contains("<p>accent <a href=\"#user-content-fnref---1\">↩</a></p>"))
        // A label with a space is no footnote: `[^x y]: space` is a link reference definition.
        #expect(accented.contains("and<a href=\"space\">^x y</a>."))
        #expect(html("Tab[^t].\n\n[^t]:\t\ttabbed\n").contains("<p>tabbed <a"))
        #expect(html("Mark[^m].\n\n[^m]: \u{301}x\n").contains("<p> \u{301}x <a"))
    }

    /// A definition-like line is protected (read as a paragraph, not a link definition) only
    /// where the protected text leaves it outside code and HTML blocks. Here the protection makes
    /// line 1 a setext heading, so `</textarea>` starts an HTML block holding line 4: line 4 stays
    /// raw, with no backslash showing (the unprotected text's blocks used to decide, and did not
    /// see that HTML block).
    @Test func aDefinitionLineInAnHTMLBlockOfTheProtectedTextStaysRaw() {
        let result = html("[^1]:word\n---\n</textarea>\n[^1]:word\n\nUse[^1].\n")
        #expect(result.contains("</textarea>\n[^1]:word\n"), "\(result)")
        #expect(!result.contains("\\[^1]"), "\(result)")
    }

    @Test func footnoteDefinitionInACodeBlockIsCode() {
        let result = html("Use[^1].\n\n```\n[^1]: inside code\n```\n\n[^1]: real\n")
        #expect(result.contains("<code>[^1]: inside code\n</code>"))
        #expect(result.contains("<p>real <a"))
    }

    // MARK: Alerts

    @Test func alertsBecomeCallouts() {
        for (marker, name, title) in [
            ("NOTE", "note", "Note"), ("TIP", "tip", "Tip"), ("IMPORTANT", "important", "Important"),
            ("WARNING", "warning", "Warning"), ("CAUTION", "caution", "Caution"),
        ] {
            let result = html("> [!\(marker)]\n> Mind the *gap*.\n")
            #expect(
                result.contains(
                    "<div class=\"markdown-alert markdown-alert-\(name)\">\n<p class=\"markdown-alert-title\">\(title)</p>\n<p>Mind the <em>gap</em>.</p>\n</div>"
                ), "\(result)")
            #expect(!result.contains("blockquote"))
        }
        #expect(
            html("> [!note]\n>\n> Para one.\n").contains(
                "markdown-alert-note\">\n<p class=\"markdown-alert-title\">Note</p>\n<p>Para one.</p>"))
        #expect(html("> [!BOGUS]\n> text\n").contains("<blockquote>"))
        #expect(html("> Text [!NOTE]\n").contains("<blockquote>"))
    }

    // MARK: The study notes

    @Test func seedNotesBareURLsBecomeLinks() throws {
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/seeds")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: seeds.path)) ?? []).filter {
            $0.hasSuffix(".txt")
        }
        guard !files.isEmpty else { return }  // a plain clone has no seed notes
        var html = ""
        for name in files {
            let notebook = try NotebookParser.parse(fileAt: seeds.appendingPathComponent(name).path)
            for case .prose(let prose) in notebook.blocks { html += MarkdownRenderer.html(prose.markdown) }
        }
        for url in [
            "https://distill.pub/2016/augmented-rnns/", "http://nlp.seas.harvard.edu/2018/04/03/attention.html",
            "https://blog.floydhub.com/attention-mechanism/#:~:text=When%20we%20think%20about%20the,factors%20when%20processing%20the%20data",
            "https://www.youtube.com/watch?v=UNmqTiOnRfg",
        ] {
            #expect(html.contains("<a href=\"\(url)\">\(url)</a>"), "\(url)")
        }
        #expect(!html.contains("<del>"), "no stray strikethrough in the notes")
    }

    // MARK: Inline expressions with the extensions

    @Test func inlineValuesAreTextAndStayEscaped() {
        let result = MarkdownRenderer.html(
            "Accuracy `{swift} acc` and ~~`{swift} old`~~ and `plain`.",
            inlineExpressions: [.text("<97%>"), .code("{swift} old")])
        #expect(result.contains("Accuracy &lt;97%&gt; and <del><code>{swift} old</code></del> and <code>plain</code>."))
    }
}
