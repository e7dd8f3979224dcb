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
        // Noncharacters cannot be written as literals: built from their values.
        func text(_ values: [UInt32]) -> String {
            String(String.UnicodeScalarView(values.compactMap(Unicode.Scalar.init)))
        }
        let input = text([
            0x85, 0xE9, 0x9F, 0xA0, 0x7C, 0xFDD0, 0xFDEF, 0xFDF0, 0xFFFE, 0xFFFF, 0xFFFD, 0x7C, 0x1FFFE, 0x10FFFF,
            0x1F600, 0x7C, 0x26, 0x27, 0x0D,
        ])
        let expected =
            "\u{FFFD}é\u{FFFD}\u{A0}|\u{FFFD}\u{FFFD}\u{FDF0}\u{FFFD}\u{FFFD}\u{FFFD}|\u{FFFD}\u{FFFD}\u{1F600}|&amp;&#39;\u{240D}"
        #expect(input.unicodeScalars.count == 19)
        #expect(HTMLNode.text(input).render() == expected)
        #expect(HTMLNode.element("a", [.title(input)], ["x"]).render() == "<a title=\"" + expected + "\">x</a>")
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
