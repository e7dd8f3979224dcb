import Foundation
import NotebookOutput
import NotebookReport
import Testing

@Suite struct ChartTests {
    func render(_ outputs: [RichOutput]) -> String {
        let notebook = Fixtures.notebook("```swift\nx\n```\n")
        let run = Fixtures.run(for: notebook, outputs: [0: outputs.map(CellOutput.display)])
        return Fixtures.body(Fixtures.render(notebook, run).html)
    }

    /// Every number in the SVG's coordinate attributes is finite.
    func expectFiniteCoordinates(_ html: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let lower = html.lowercased()
        for bad in ["nan", "inf", "=\"-nan", "e+", "1.#"] {
            for attribute in ["x=\"", "y=\"", "x1=\"", "y2=\"", "width=\"", "height=\"", "points=\"", "cx=\"", "cy=\""]
            {
                #expect(!lower.contains(attribute + bad), "\(attribute)\(bad)", sourceLocation: sourceLocation)
            }
        }
        if let points = lower.range(of: "points=\"") {
            let list = lower[points.upperBound...].prefix(while: { $0 != "\"" })
            #expect(!list.contains("nan") && !list.contains("inf"), sourceLocation: sourceLocation)
        }
    }

    @Test func heatmapHasLabelsLegendAndValues() {
        let html = render([
            .heatmap(
                Heatmap(
                    values: [[0.9, 0.1], [0.2, 0.8]], rowLabels: ["le", "chat"], columnLabels: ["the", "cat"],
                    title: "attention", xLabel: "source", yLabel: "target", showsValues: true))
        ])
        #expect(html.contains("<svg"))
        for label in [">le<", ">chat<", ">the<", ">cat<", ">attention<", ">source<", ">target<", ">0.90<", ">0.10<"] {
            #expect(html.contains(label), "\(label)")
        }
        #expect(html.contains("linearGradient"))
        #expect(html.contains("<title>chat → cat: 0.8</title>"))
        expectFiniteCoordinates(html)
    }

    @Test func bigHeatmapStaysASensibleSize() throws {
        let values = (0..<50).map { r in (0..<50).map { c in Double(r * c) } }
        let labels = (0..<50).map { "a_rather_long_token_\($0)" }
        let html = render([.heatmap(Heatmap(values: values, rowLabels: labels, columnLabels: labels))])
        let width = try #require(
            html.range(of: "width=\"").map { html[$0.upperBound...].prefix(while: { $0 != "\"" }) })
        #expect(try #require(Double(width)) < 1100)
        #expect(html.contains("rotate(-45"))
        #expect(html.occurrences(of: "<rect") >= 2500)
    }

    @Test func heatmapWithNaNAndEmptyRows() {
        let html = render([
            .heatmap(Heatmap(values: [[.nan, 1], [.infinity, -.infinity], [2]])),
            .heatmap(Heatmap(values: [])),
            .heatmap(Heatmap(values: [[.nan]])),
        ])
        #expect(html.contains("hm-missing"))
        #expect(html.contains("no values"))
        expectFiniteCoordinates(html)
    }

    @Test func lineChartHandlesNaNInfinityAndSinglePoints() {
        let html = render([
            .lineChart(
                LineChart(
                    series: [
                        Series(name: "train", y: [1, .nan, 0.5, .infinity, 0.25, 0.2]),
                        Series(name: "val", x: [1, 2], y: [.nan, .nan]),
                        Series(name: "one", x: [3], y: [0.3]),
                    ], title: "loss", xLabel: "epoch", yLabel: "loss")),
            .lineChart(LineChart(series: [Series(name: "flat", y: [2, 2, 2])])),
            .lineChart(LineChart(series: [Series(name: "none", y: [.nan])], title: "empty")),
            .lineChart(LineChart(series: [Series(name: "log", y: [100, 10, 0, -1, 0.01])], logY: true)),
        ])
        for label in [">train<", ">val<", ">one<", ">loss<", ">epoch<", ">flat<", "log scale"] {
            #expect(html.contains(label), "\(label)")
        }
        #expect(html.contains("no finite values"))
        #expect(html.contains("<circle"))
        #expect(html.contains(">0.01<") || html.contains(">1e-2<"))
        expectFiniteCoordinates(html)
    }

    @Test func lineChartTicksAreNiceNumbers() {
        let html = render([.lineChart(LineChart(series: [Series(name: "s", x: [0, 97], y: [0.013, 0.87])]))])
        for tick in [">0<", ">20<", ">40<", ">60<", ">80<", ">100<", ">0.2<", ">0.4<", ">0.8<"] {
            #expect(html.contains(tick), "\(tick)")
        }
    }

    @Test func barChartTablePanels() {
        let html = render([
            .barChart(
                BarChart(
                    labels: ["dot", "additive", "nan"], values: [0.5, -0.25, .nan], title: "acc", yLabel: "score")),
            .table(Table(columns: ["a", "b"], rows: [["1", "x"], ["2"]], caption: "cap")),
            .panels(Panels([.text("left"), .text("right")], title: "two")),
        ])
        for label in [
            ">dot<", ">additive<", ">acc<", ">score<", ">n/a<", "<caption>cap</caption>", "<th scope=\"col\">a</th>",
            "class=\"panel-grid\"", ">two<", ">left</pre>",
        ] {
            #expect(html.contains(label), "\(label)")
        }
        #expect(html.contains("<td class=\"numeric\">2</td><td></td>"))
        expectFiniteCoordinates(html)
    }
}
