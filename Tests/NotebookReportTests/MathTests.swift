import Foundation
import NotebookReport
import Testing

@Suite struct MathTests {
    func prose(_ markdown: String) -> String {
        let notebook = Fixtures.notebook(markdown + "\n")
        let body = Fixtures.body(Fixtures.render(notebook, Fixtures.run(for: notebook)).html)
        guard let start = body.range(of: "<div class=\"prose\">"),
            let end = body.range(of: "<footer", range: start.upperBound..<body.endIndex)
        else { return body }
        return String(body[start.upperBound..<end.lowerBound])
    }

    @Test func subscriptsAreNotEmphasis() {
        let html = prose("The states $h_t$ and $s_t$ differ.")
        #expect(html.occurrences(of: "<math") == 2)
        #expect(!html.contains("<em>"))
        #expect(html.contains("<msub><mi>h</mi><mi>t</mi></msub>"))
        #expect(html.contains("<msub><mi>s</mi><mi>t</mi></msub>"))
    }

    @Test func displayMath() {
        let html = prose("$$\\alpha_{tj} = \\frac{\\exp(e_{tj})}{\\sum_{k=1}^{T} \\exp(e_{tk})}$$")
        #expect(html.contains("<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\""))
        #expect(html.contains("<mi>α</mi>"))
        #expect(html.contains("<mfrac>"))
        #expect(html.contains("<munderover><mo largeop=\"true\" movablelimits=\"true\">∑</mo>"))
        #expect(html.contains("<mi>exp</mi><mo>\u{2061}</mo>"))
    }

    @Test func notMath() {
        let html = prose("It costs $5 and `$x$` is code, \\$y\\$ is escaped, and $ z $ has spaces.")
        #expect(!html.contains("<math"))
        #expect(html.contains("$5"))
        #expect(html.contains("<code>$x$</code>"))
        #expect(html.contains("$y$"))
    }

    @Test func mathInCodeBlocksInsideListsIsLeftAlone() {
        let html = prose("- item\n\n  ```\n  $a_b$\n  ```\n\n- and $c_d$")
        #expect(html.occurrences(of: "<math") == 1)
        #expect(html.contains("$a_b$"))
    }

    @Test func practicalSubset() {
        let html = prose(
            """
            $\\operatorname{softmax}\\left(\\frac{QK^T}{\\sqrt{d_k}}\\right)V$, $\\mathbf{x} \\cdot \\mathbf{W}$,
            $\\hat{y} \\le \\tilde{y} \\ne \\bar{y} \\approx \\infty$, $x \\in \\mathbb{R}^{n \\times d}$,
            $\\text{if } a \\ge b$, $h^\\top W$, $\\sqrt[3]{x}$, $\\prod_{i} p_i$,
            $\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}$, $\\mathrm{d}x$, $\\max_{j} s_j$
            """)
        #expect(html.contains("<mi>softmax</mi><mo>\u{2061}</mo>"))
        #expect(html.contains("<mo fence=\"true\" stretchy=\"true\" form=\"prefix\">(</mo>"))
        #expect(html.contains("<msqrt><msub><mi>d</mi><mi>k</mi></msub></msqrt>"))
        #expect(html.contains("<msup><mi>K</mi><mi>T</mi></msup>"))
        #expect(html.contains("<mi>𝐱</mi>"))
        #expect(html.contains("<mo>⋅</mo>"))
        #expect(html.contains("<mover accent=\"true\"><mi>y</mi><mo stretchy=\"false\">^</mo></mover>"))
        #expect(html.contains("<mo>≤</mo>"))
        #expect(html.contains("<mo>≠</mo>"))
        #expect(html.contains("<mo>≈</mo>"))
        #expect(html.contains("∞"))
        #expect(html.contains("<mo>∈</mo>"))
        #expect(html.contains("<mi>ℝ</mi>"))
        #expect(html.contains("<mo>×</mo>"))
        #expect(html.contains("<mtext>if </mtext>"))
        #expect(html.contains("<mo>≥</mo>"))
        #expect(html.contains("⊤"))
        #expect(html.contains("<mroot><mi>x</mi><mn>3</mn></mroot>"))
        #expect(html.contains("∏"))
        #expect(html.contains("<mtable><mtr><mtd><mn>1</mn></mtd><mtd><mn>2</mn></mtd></mtr>"))
        #expect(html.contains("<mi mathvariant=\"normal\">d</mi>"))
        #expect(html.contains("movablelimits=\"true\" lspace=\"0em\" rspace=\"0em\">max</mo>"))
        #expect(!html.contains("math-error"))
    }

    @Test func unknownCommandsAndBrokenTeXStillRender() {
        let html = prose(
            "Unknown $\\foo{x}$, open $\\frac{a$, deep $\(String(repeating: "{", count: 500))x$, empty $x^$.")
        #expect(html.contains("<mtext class=\"math-error\">\\foo</mtext>"))
        #expect(html.occurrences(of: "<math") == 4)
        let hostile = prose("$\\text{<script>alert(1)</script>}$ and $a<b>c$")
        #expect(!hostile.contains("<script"))
        #expect(hostile.contains("&lt;script&gt;"))
        #expect(hostile.contains("<mo>&lt;</mo>"))
    }

    @Test func mathInHeadingsKeepsSourceInAnchors() {
        let html = prose("## Attention $\\alpha_t$\n\ntext")
        #expect(html.contains("<h2 id=\"attention-alpha_t\">"))
        #expect(html.contains("<math"))
    }

    /// The extractor reads bytes; these pin the `Character` rules it keeps around multi-byte text.
    @Test func delimitersAmongMultiByteText() {
        #expect(prose("é $x$ ü and 😀$$y$$日本").occurrences(of: "<math") == 2)
        #expect(prose("$é_t$").contains("<mi>é</mi>"))
        #expect(!prose("a $x$٣ b").contains("<math"), "a closing $ followed by a digit of any script is not one")
        #expect(!prose("a $x\u{A0}$ b").contains("<math"), "nor one after a no-break space")
        #expect(!prose("a $\u{301}x$ b").contains("<math"), "a $ with a combining mark is not a delimiter")
        #expect(prose("`é $x$` and $y$").occurrences(of: "<math") == 1, "code spans after multi-byte text")
        #expect(prose("\\é $x$").occurrences(of: "<math") == 1, "a backslash escapes a whole character")
    }

    @Test func mathInManyParagraphsAndFences() {
        let html = prose(
            "ü $a$\n\n```\n$not$\n```\n\n- ```\n  $nor$\n  ```\n\n> $b$ é\n\n\u{3000}$c$")
        #expect(html.occurrences(of: "<math") == 3)
        #expect(html.contains("$not$") && html.contains("$nor$"))
    }
}
