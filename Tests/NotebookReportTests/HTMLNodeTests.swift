import Foundation
import NotebookReport
import Testing

/// The node type escapes by construction: text and attribute values can hold anything.
@Suite struct HTMLNodeTests {
    @Test func textIsEscaped() {
        let node = HTMLNode.element("p", ["<script>alert('x') & \"y\"</script>"])
        #expect(node.render() == "<p>&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;</p>")
    }

    @Test func attributeValuesAreEscapedAndQuoted() {
        let node = HTMLNode.element("a", class: "x\" onclick=\"y", [.href("#a\"b'c<d>&")], ["link"])
        #expect(node.render() == "<a class=\"x&quot; onclick=&quot;y\" href=\"#a&quot;b&#39;c&lt;d&gt;&amp;\">link</a>")
    }

    @Test func booleanVoidAndSelfClosingElements() {
        let details = HTMLNode.element("details", [.init("open", nil)], [.element("summary", ["s"])])
        #expect(details.render() == "<details open><summary>s</summary></details>")
        #expect(HTMLNode.element("meta", [.init("charset", "utf-8")]).render() == "<meta charset=\"utf-8\">")
        #expect(HTMLNode.element("rect", [.init("width", "3")]).render() == "<rect width=\"3\"/>")
        #expect(HTMLNode.element("div").render() == "<div></div>")
    }

    @Test func fragmentsAndNestingRenderInOrder() {
        let node = HTMLNode.fragment([
            "a", .element("b", [.element("i", ["c"]), "d"]), .empty, .nonBreakingSpace, .text("<e>"),
        ])
        #expect(node.render() == "a<b><i>c</i>d</b>&nbsp;&lt;e&gt;")
    }

    @Test func controlCharactersInTextAreShownVisibly() {
        #expect(HTMLNode.text("a\u{0}b\u{1B}c\u{7F}").render() == "a\u{2400}b\u{241B}c\u{2421}")
    }

    /// Escaping reads UTF-8 bytes: the scalars it replaces are found whatever their length (C1
    /// controls: two bytes; noncharacters: three or four), and the scalars around them, and
    /// their neighbours sharing a lead byte (U+00E9, U+FFFD, U+1F600), are copied as they are.
    @Test func multiByteScalarsAreReplacedOrKeptWhole() {
        let text =
            "\u{85}é\u{9F}\u{A0}|\u{FDD0}\u{FDEF}\u{FDF0}\u{FFFE}\u{FFFF}\u{FFFD}|\u{1FFFE}\u{10FFFF}\u{1F600}|&'\r"
        let expected =
            "\u{FFFD}é\u{FFFD}\u{A0}|\u{FFFD}\u{FFFD}\u{FDF0}\u{FFFD}\u{FFFD}\u{FFFD}|\u{FFFD}\u{FFFD}\u{1F600}|&amp;&#39;\u{240D}"
        #expect(HTMLNode.text(text).render() == expected)
        #expect(HTMLNode.element("a", [.title(text)], ["x"]).render() == "<a title=\"" + expected + "\">x</a>")
    }

    /// A megabyte of text renders into one buffer, byte for byte (escaping aside): no quadratic
    /// concatenation (the benchmark times it; this checks the result).
    @Test func largeTextRendersWhole() {
        let line = String(repeating: "x<y ", count: 25) + "\n"
        let text = String(repeating: line, count: 10_000)
        let rendered = HTMLNode.element("pre", [.text(text)]).render()
        #expect(rendered.utf8.count == "<pre></pre>".utf8.count + text.utf8.count + 25 * 10_000 * 3)
        #expect(rendered.hasPrefix("<pre>x&lt;y x&lt;y"))
    }
}
