import Foundation
import NotebookDocument
import NotebookReport
import Testing

/// The notes' raw HTML, through cmark and the sanitiser.
@Suite struct SanitizerTests {
    func prose(_ markdown: String) -> String {
        let notebook = Fixtures.notebook(markdown + "\n\n```swift\n1\n```\n")
        let html = Fixtures.render(notebook, Fixtures.run(for: notebook)).html
        let body = Fixtures.body(html)
        guard let start = body.range(of: "<div class=\"prose\">"),
            let end = body.range(of: "<section class=\"cell", range: start.upperBound..<body.endIndex)
        else { return body }
        return String(body[start.upperBound..<end.lowerBound])
    }

    @Test func githubStyleHTMLIsKept() {
        let html = prose(
            """
            <p align="center"><img src="https://example.com/a.png" width="300" alt="A"></p>
            <div align="right">right</div>

            <details><summary>More</summary>

            Hidden *text*, H<sub>2</sub>O, x<sup>2</sup>, <kbd>Ctrl</kbd>+<kbd>C</kbd>,<br>next line.

            </details>

            <table><tr><th>a</th><td colspan="2">b</td></tr></table>

            [link](https://example.com "title") and <a href="#section">anchor</a>
            """)
        #expect(html.contains("<p align=\"center\"><img src=\"https://example.com/a.png\" width=\"300\" alt=\"A\""))
        #expect(html.contains("<div align=\"right\">right</div>"))
        #expect(html.contains("<details><summary>More</summary>"))
        #expect(html.contains("<sub>2</sub>"))
        #expect(html.contains("<sup>2</sup>"))
        #expect(html.contains("<kbd>Ctrl</kbd>"))
        #expect(html.contains("<br>"))
        #expect(html.contains("<em>text</em>"))
        #expect(html.contains("<td colspan=\"2\">b</td>"))
        #expect(html.contains("<a href=\"https://example.com\" title=\"title\">link</a>"))
        #expect(html.contains("<a href=\"#section\">anchor</a>"))
    }

    @Test func scriptsAndHandlersAreRemoved() {
        let html = prose(
            """
            Text <script>alert(1)</script> more <style>body{display:none}</style> end.

            <img src="x.png" onerror="alert(1)" style="position:fixed">
            <a href="javascript:alert(1)">js</a> <a href="  JaVa&#x09;script:alert(1)">tab</a>
            <a href="vbscript:msgbox">vb</a> <a href="data:text/html,<script>alert(1)</script>">data</a>
            <iframe src="https://evil.example"></iframe><object data="x"></object><embed src="x">
            <form action="https://evil.example"><input name=q><button>go</button></form>
            <div onclick="alert(1)" onmouseover='alert(2)'>div</div>
            <svg><script>alert(1)</script></svg>
            <scr<script>ipt>alert(1)</script>
            <img src="data:image/svg+xml;base64,PHN2Zz4=" alt="svg data">
            <img src="data:image/png;base64,iVBORw0KGgo=" alt="png data">
            """)
        let lower = html.lowercased()
        #expect(!lower.contains("<script"))
        #expect(!lower.contains("alert(1)</script"))
        #expect(!lower.contains("onerror"))
        #expect(!lower.contains("onclick"))
        #expect(!lower.contains("onmouseover"))
        #expect(!lower.contains("style="))
        #expect(!lower.contains("display:none"))
        #expect(!lower.contains("javascript:"))
        #expect(!lower.contains("vbscript:"))
        #expect(!lower.contains("data:text"))
        #expect(!lower.contains("data:image/svg"))
        #expect(lower.contains("data:image/png;base64,ivborw0kggo="))
        #expect(!lower.contains("<iframe"))
        #expect(!lower.contains("<object"))
        #expect(!lower.contains("<embed"))
        #expect(!lower.contains("<form"))
        #expect(!lower.contains("<input"))
        #expect(!lower.contains("<svg"))
        #expect(lower.contains(">js</a>"))
        #expect(lower.contains("<div>div</div>"))
    }

    @Test func unknownTagsAreShownAsText() {
        let html = prose("An `Array<Float>` and a bare Array<Float> value.")
        #expect(html.contains("<code>Array&lt;Float&gt;</code>"))
        #expect(html.contains("bare Array&lt;float&gt; value") || html.contains("bare Array&lt;Float&gt; value"))
    }

    @Test func malformedHTMLIsBalancedAndHarmless() {
        let html = prose(
            "<div><b>bold <i>both</b> rest\n\n<a href=\"https://x.example\" title='it\"s'>unclosed\n\n<!-- a comment <script>alert(1)</script> -->\n\n<img src=\"a.png\" alt=\"\"><p <script>"
        )
        #expect(!html.contains("a comment"))
        #expect(!html.lowercased().contains("<script"))
        #expect(html.occurrences(of: "<div") + 1 == html.occurrences(of: "</div>"))  // + the prose's own
        #expect(html.occurrences(of: "<b>") == html.occurrences(of: "</b>"))
        #expect(html.contains("title=\"it&quot;s\""))
    }

    /// The tokenizer reads bytes: multi-byte text in names, values and references stays whole.
    @Test func multiByteTextInTagsAndReferences() {
        let html = prose("<SPAN TITLE='é&amp;😀'>日本 &#x1F600;&eacute;&#233;&bogus; ä</span>")
        #expect(html.contains("<span title=\"é&amp;😀\">日本 😀éé&amp;bogus; ä</span>"))
        #expect(prose("<Ünknown é>").contains("&lt;Ünknown é&gt;"), "a tag starts with an ASCII letter")
        #expect(prose("a <!-- é --> b").contains("a  b"))
    }

    /// Each tag's element is looked up once (``HTMLElementRule``): a name is known only when all
    /// its bytes match, in any case, whatever its length.
    @Test func elementNamesMatchWhole() {
        #expect(
            prose("<BLOCKQUOTE CITE=\"https://x.example\">q</Blockquote>").contains(
                "<blockquote cite=\"https://x.example\">q</blockquote>"))
        // Known names with a byte more, a byte less, a byte changed past the eighth.
        #expect(prose("a <blockquotes> b").contains("a &lt;blockquotes&gt; b"))
        #expect(prose("a <figcaptio> b").contains("a &lt;figcaptio&gt; b"))
        #expect(prose("a <figcaptiom> b").contains("a &lt;figcaptiom&gt; b"))
        #expect(prose("a <abbreviationsarelong> b").contains("a &lt;abbreviationsarelong&gt; b"))
        // Raw text only for the whole name: `<TEXTAREA>` hides its content, `<textareas>` does not.
        #expect(!prose("a <TEXTAREA>*hidden*</textarea> b").contains("hidden"))
        #expect(prose("a <textareas>*shown*</textareas> b").contains("<em>shown</em>"))
        // Void elements: `<BR>` opens nothing, `</br>` is dropped.
        #expect(prose("a<BR>b</br>c").contains("<p>a<br>bc</p>"))
    }
}

/// The report reads cmark's HTML as tokens told from its tree (`MarkdownRenderer.tokens`): they
/// must be the tokens of the rendered HTML, or the HTML must be given when raw HTML in it leaves
/// markup open.
@Suite struct RenderedTokensTests {
    /// Markdown of every node the renderer writes, with raw HTML around cmark's own markup.
    static let samples = [
        "# Title *em* **strong** `code` [link](https://x.example/a b?q=1&r='s' \"Title\") ![alt *x* `y`\nz](i.png \"T\")",
        "- a\n- b\n\n1. one\n2. two\n\n3) three\n\n  7. seven\n\n- loose\n\n  para\n- [ ] task ~~old~~ www.example.com",
        "> quote\n> - item\n>\n> ```swift extra\n> let x = 1 < 2 && \"a\"\n> ```\n\n    indented <code>\n\n***\n\nline  \nbreak\\\nhard",
        "<div class=\"x\">\n*not emphasis*\n</div>\n\ntext <b>bold</b> &amp; &copy; &#39; <!-- c --> <?pi?> <![CDATA[x]]>",
        "| a | b |\n| :-- | --: |\n| *x* | `y \\| z` |\n\nA note[^1].\n\n[^1]: The *note*.",
        "[ref]: https://example.org/é \"t\"\n\nUse [ref] and <https://auto.example> and <mail@example.org>.\n\n<img src=\"a.png\"> after",
        "Text & < > \" ' é 😀\n\n```\n\n```\n\n``` \n```\n\n<details><summary>S</summary>\n\nInside.\n\n</details>",
        "\u{0}nul and\r\ncrlf\rcr",
        // The markup the GitHub passes make, whose tokens they keep (`GFMMarkupTokens`).
        "> [!WARNING]\n> careful ~~x~~ ~y~\n\n- [x] done\n- [ ] open\n\nA[^é] b[^2] c[^É] [^none].\n\n[^é]: accent\n[^2]: two\n[^2]: again",
    ]

    func tokensAgree(_ markdown: String) -> Bool? {
        switch MarkdownRenderer.tokens(markdown, tree: nil, tokenizingRaw: HTMLTokenizer.tokenizeFragment) {
        case .tokens(let tokens): return tokens == HTMLTokenizer.tokenize(MarkdownRenderer.html(markdown))
        case .html(let html):
            #expect(html == MarkdownRenderer.html(markdown))
            return nil
        }
    }

    @Test(arguments: samples) func tokensFromTheTreeAreTheRenderedHTMLsTokens(_ markdown: String) {
        #expect(tokensAgree(markdown) == true)
    }

    /// Raw HTML whose tokens depend on what follows it (an open raw-text element, comment or
    /// attribute, a `&` in its last text): the HTML is read instead, and is the rendered HTML.
    @Test(arguments: [
        "a <textarea>\n\n*b*", "<!-- open\n\n*b*", "<div title=\"open\n\n*b*", "<script>\n\n*b*",
        "<div>a &amp\n\n*b*",
        // The passes that run as the walk enters each paragraph still run on those after it.
        "a <textarea>\n\n- [ ] task ~~x~~ www.example.com\n\n# ~~h~~ https://x.example",
    ])
    func rawHTMLLeftOpenIsReadAsText(_ markdown: String) {
        #expect(tokensAgree(markdown) == nil)
    }

    /// Text that only looks like open markup is cmark's text, escaped: told from the tree.
    @Test(arguments: ["a <b\n\n*c*", "a <!-- open\n\n*b*", "x &am<span>p;</span>", "t <a href=\"x\">&amp</a>; *e*"])
    func textThatLooksOpenIsToldFromTheTree(_ markdown: String) {
        #expect(tokensAgree(markdown) == true)
    }

    /// Raw HTML that closes everything it opens is tokenized alone and joins the tree's tokens.
    @Test func closedRawHTMLIsTokenizedAlone() {
        #expect(tokensAgree("a <b>bold</b> and <i>it</i>.\n\n<p align=\"center\">x</p>\n\nend") == true)
    }
}
