import Foundation
import NotebookDocument
import Testing

/// Hostile words and documents whose GFM passes were quadratic: each input is large enough that
/// quadratic work takes minutes (the time limit turns that into a failure instead of a hang),
/// while the linear passes take well under a second. The outputs are checked too.
@Suite(.timeLimit(.minutes(1))) struct GFMLinearTimeTests {
    private func html(_ markdown: String) -> String { MarkdownRenderer.html(markdown) }

    /// Each `www.` of `_www._www.…` starts a candidate whose host runs to the word's end; read
    /// per candidate, 40 000 of them took about 16 minutes.
    @Test func aWordOfManyUnderscoreHostsIsReadOnce() {
        let word = String(repeating: "_www.", count: 40_000)
        #expect(html(word) == "<p>" + word + "</p>\n", "no `_` in the last two labels: no link")
        let valid = word + "a.b"
        let link = String(valid.dropFirst())
        #expect(
            html(valid) == "<p>_<a href=\"http://\(link)\">\(link)</a></p>\n", "the first candidate's host is a domain")
    }

    /// Every candidate of a word ending in `.).).)…` trims that tail: step by step per candidate,
    /// 40 000 candidates and a tail of 200 000 characters made 8 billion steps.
    @Test func aLongTrimmedTailIsWalkedOnce() {
        let candidates = String(repeating: "(www.a.b", count: 40_000)
        let tail = String(repeating: ".)", count: 100_000)
        let expected =
            "<p>" + String(repeating: "(www.a.b", count: 39_999) + "(<a href=\"http://www.a.b\">www.a.b</a>" + tail
            + "</p>\n"
        #expect(html(candidates + tail) == expected, "only the last host is a domain; its unmatched `)` go")
    }

    /// 30 000 footnotes, defined on consecutive lines (one paragraph to cmark, split once per
    /// definition) and used in reverse order: numbering by searching the keys used so far, and
    /// moving the rest of the paragraph at every split, were both quadratic.
    @Test func manyFootnotesAreNumberedAndSplitInLinearTime() {
        let count = 30_000
        let definitions = (0..<count).map { "[^\($0)]: note \($0)" }.joined(separator: "\n")
        let references = (0..<count).reversed().map { "[^\($0)]" }.joined()
        let rendered = html(definitions + "\n\nSee " + references + ".\n")
        #expect(
            rendered.contains("See <sup><a href=\"#user-content-fn-29999\" id=\"user-content-fnref-29999\">1</a></sup>")
        )
        #expect(rendered.contains("<a href=\"#user-content-fn-0\" id=\"user-content-fnref-0\">30000</a></sup>.</p>"))
        #expect(
            rendered.contains(
                "<li id=\"user-content-fn-0\">\n<p>note 0 <a href=\"#user-content-fnref-0\">↩</a></p>\n</li>\n</ol>"))
        #expect(rendered.components(separatedBy: "<li id=\"user-content-fn-").count == count + 1)
    }
}
