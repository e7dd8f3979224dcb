import Foundation
@_spi(ReportInternals) import NotebookReport
import Testing

/// The page's formulas are converted once per distinct formula (TeX and inline/display), and a
/// repeat shows exactly what a first conversion shows.
@Suite struct MathMLCacheTests {
    @Test func aRepeatedFormulaIsConvertedOnce() {
        var cache = MathMLCache()
        let first = cache.markup("h_t = W x_t", display: false)
        let again = cache.markup("h_t = W x_t", display: false)
        #expect(first == again)
        #expect(cache.conversions == 1)
        #expect(first.hasPrefix("<math xmlns=\"http://www.w3.org/1998/Math/MathML\" alttext=\"h_t = W x_t\">"))
    }

    @Test func inlineAndDisplayOfOneTeXAreDistinct() {
        var cache = MathMLCache()
        let inline = cache.markup("\\sum_i a_i", display: false)
        let display = cache.markup("\\sum_i a_i", display: true)
        #expect(cache.conversions == 2)
        #expect(inline != display)
        #expect(display.contains("display=\"block\""))
        #expect(cache.markup("\\sum_i a_i", display: true) == display)
        #expect(cache.markup("\\sum_i a_j", display: true) != display)
        #expect(cache.conversions == 3)
    }

    /// Through a whole report: every repeat of a formula renders the same MathML as a page with
    /// that formula once, and inline and display repeats keep their own form.
    @Test func repeatsInAReportMatchASingleFormula() {
        func prose(_ markdown: String) -> String {
            let notebook = Fixtures.notebook(markdown + "\n")
            return Fixtures.body(Fixtures.render(notebook, Fixtures.run(for: notebook)).html)
        }
        let single = prose("$h_t$")
        guard let start = single.range(of: "<math"), let end = single.range(of: "</math>") else {
            Issue.record("no MathML in \(single)")
            return
        }
        let formula = String(single[start.lowerBound..<end.upperBound])
        let repeated = prose(String(repeating: "$h_t$ and $$h_t$$\n\n# $h_t$\n\n", count: 50))
        #expect(repeated.occurrences(of: formula) == 100, "50 paragraphs and 50 headings")
        #expect(repeated.occurrences(of: "display=\"block\" alttext=\"h_t\"") == 50)
    }
}
