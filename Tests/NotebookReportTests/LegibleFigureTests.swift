import Foundation
import NotebookOutput
import NotebookReport
import Testing

/// Figures that read (issue 12.5): display math wraps instead of being cut off, heatmap axis
/// titles keep clear of the token labels, charts never shrink below legible text.
@Suite struct LegibleFigureTests {
    @Test func equationsListedSideBySideWrapOnANarrowPage() {
        let notebook = Fixtures.notebook(
            #"""
            # M

            $$e = s^\top h, \qquad \alpha = \frac{\exp e}{\sum_k \exp e_k}, \qquad \left( x \qquad y \right)$$

            $$c = \sum_j \alpha_j h_j$$
            """#)
        let body = Fixtures.body(Fixtures.render(notebook, Fixtures.run(for: notebook)).html)
        #expect(body.occurrences(of: "<span class=\"math-row\">") == 1)
        #expect(body.occurrences(of: "display=\"block\"") == 4)
        // A \qquad inside \left … \right stays in its formula.
        #expect(body.contains(#"alttext="\left( x \qquad y \right)""#))
        #expect(body.contains(#"alttext="e = s^\top h,""#))
    }

    @Test func displayMathIsNeverClippedVertically() throws {
        let notebook = Fixtures.notebook("# M\n\n$$x$$\n")
        let page = Fixtures.render(notebook, Fixtures.run(for: notebook)).html
        let start = try #require(page.range(of: ".prose math[display=block]{"))
        let rule = page[start.lowerBound...].prefix { $0 != "}" }
        #expect(!rule.contains("overflow-y:hidden"))
        #expect(rule.contains("overflow-x:auto"))
    }

    @Test func chartsKeepTheirSizeOnANarrowPage() throws {
        let notebook = Fixtures.notebook("# C\n\n```swift\nshow()\n```\n")
        let chart = LineChart(
            series: [Series(name: "loss", y: [3, 2, 1])], title: "Loss", xLabel: "epoch", yLabel: "loss")
        let page = Fixtures.render(notebook, Fixtures.run(for: notebook, outputs: [0: [.display(.lineChart(chart))]]))
            .html
        // Charts (at most ~700 px) shrink to at most 640/700 of their size; below that they scroll.
        #expect(page.contains("figure.chart-output{margin:4px 0;overflow-x:auto;container-type:inline-size}"))
        #expect(page.contains("@container (max-width:640px){svg.chart{max-width:none}}"))
        #expect(!Fixtures.body(page).contains("style="))
    }

    @Test func heatmapAxisTitlesKeepClearOfTokenLabels() throws {
        let labels = ["MITSUKERU", "WOMANHOOD", "注意機構"]
        let heatmap = Heatmap(
            values: [[0.1, 0.9, 0], [0.5, 0.5, 0], [1, 0, 0]], rowLabels: labels, columnLabels: labels,
            title: "Alignment", xLabel: "source", yLabel: "target")
        let svg = try #require(OutputRendering.standaloneSVG(.heatmap(heatmap), id: "h"))
        // The y title is rotated: its glyphs reach about one line (16 px) left of its x, and 4 px right.
        let titleX = try #require(Self.number(after: "class=\"axis-label\" transform=\"rotate(-90 ", in: svg))
        for label in labels {
            let tag = try #require(svg.range(of: ">\(label)</text>"))
            let opening = try #require(svg[..<tag.lowerBound].range(of: "<text x=\"", options: .backwards))
            let x = try #require(Double(svg[opening.upperBound...].prefix { $0 != "\"" }))
            guard svg[opening.upperBound..<tag.lowerBound].contains("text-anchor=\"end\"") else { continue }
            // Row labels end at x; their real advance width (Arial, 12 px or less) must leave a gap.
            #expect(x - Self.arialWidth(label, fontSize: 12) >= titleX + 4 + 4, "\(label)")
        }
        // The x title sits above the rotated column labels: its baseline is higher than any label's top.
        let xTitleY = try #require(Self.number(after: ">source</text>", in: svg, backwardsFor: "y=\""))
        let gridY = try #require(Self.number(after: "class=\"hm-cell\"", in: svg, backwardsFor: "y=\""))
        let tallest = labels.map { Self.arialWidth($0, fontSize: 12) }.max()! * 0.71 + 12 * 0.71
        #expect(xTitleY + 4 <= gridY - 6 - tallest)
    }

    /// Advance widths of Arial (em), for the letters the tests use; CJK one em.
    static func arialWidth(_ text: String, fontSize: Double) -> Double {
        let table: [Character: Double] = [
            "M": 0.833, "I": 0.278, "T": 0.611, "S": 0.667, "U": 0.722, "K": 0.667, "E": 0.667, "R": 0.722,
            "W": 0.944, "O": 0.778, "A": 0.667, "N": 0.722, "H": 0.722, "D": 0.722,
        ]
        return text.reduce(0) { $0 + (table[$1] ?? 1) * fontSize }
    }

    /// The number after the first `marker` in `text` (or, with `backwardsFor`, after the last
    /// `backwardsFor` before `marker`).
    static func number(after marker: String, in text: String, backwardsFor prefix: String? = nil) -> Double? {
        guard let range = text.range(of: marker) else { return nil }
        var start = range.upperBound
        if let prefix {
            guard let opening = text[..<range.lowerBound].range(of: prefix, options: .backwards) else { return nil }
            start = opening.upperBound
        }
        return Double(text[start...].prefix { $0.isNumber || $0 == "." || $0 == "-" })
    }
}
