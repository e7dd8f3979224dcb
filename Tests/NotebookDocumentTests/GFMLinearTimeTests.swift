import Foundation
import NotebookDocument
import Testing

/// Hostile words whose autolink pass was quadratic, at a size where quadratic work takes minutes
/// (over two, measured) and the linear pass well under a second: their output is checked here;
/// their time is not (the suite runs tests side by side on a shared machine: a wall-clock limit
/// failed in CI), so a regression shows as a suite that slows by minutes.
struct GFMLinearTimeTests {
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
}
