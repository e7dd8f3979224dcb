import Foundation
import NotebookOutput

/// A ``LineChart`` as an inline SVG: axes with ticks at nice numbers, grid lines, axis names, a
/// legend, one colour per series, an optional logarithmic y axis. Points that are not finite
/// (or not positive on a log axis) are left out and break the line; a lone point is a dot.
enum LineChartView {
    static func svg(_ chart: LineChart) -> HTMLNode {
        let runs = chart.series.map { drawableRuns(of: $0, logY: chart.logY) }
        guard let plot = Plot(chart, points: runs.joined().joined()) else {
            return .element(
                "p", class: "chart-empty", [.text((chart.title ?? "line chart") + ": no finite values to plot")])
        }
        var svg = SVGWriter()
        if let title = chart.title {
            svg.text(title, x: plot.left + plot.width / 2, y: 12 + 14, anchor: "middle", className: "chart-title")
        }
        drawAxes(chart, plot, into: &svg)
        for (index, segments) in runs.enumerated() {
            drawSeries(segments, name: chart.series[index].name, color: ChartColors.series(index), plot, into: &svg)
        }
        if plot.showsLegend {
            drawLegend(chart, plot, into: &svg)
        }
        let seriesNames = chart.series.map(\.name).filter { !$0.isEmpty }.joined(separator: ", ")
        let label = [chart.title ?? "line chart", seriesNames].filter { !$0.isEmpty }.joined(separator: ": ")
        return svg.svg(width: plot.svgWidth, height: plot.svgHeight, className: "line-chart", label: label)
    }

    /// A series' finite points (y as log10 y on a log axis), split into runs at the gaps.
    static func drawableRuns(of series: Series, logY: Bool) -> [[(x: Double, y: Double)]] {
        var segments: [[(x: Double, y: Double)]] = [[]]
        for (x, y) in zip(series.x, series.y) {
            let usable = x.isFinite && y.isFinite && (!logY || y > 0)
            if usable {
                segments[segments.count - 1].append((x, logY ? log10(y) : y))
            } else if !segments[segments.count - 1].isEmpty {
                segments.append([])
            }
        }
        return segments.filter { !$0.isEmpty }
    }

    /// The plot area (560 × 300 px), its scales, and the margins the labels need.
    struct Plot {
        let width = 560.0
        let height = 300.0
        var xScale: ChartScale
        var yScale: ChartScale
        var left: Double
        var top: Double
        var showsLegend: Bool
        /// The series' names as the legend shows them (shortened to 28 characters).
        var legendNames: [String]
        var svgWidth: Double
        var svgHeight: Double

        /// The plot of `points` (already on the y axis's scale), or nil when there are none.
        init?(_ chart: LineChart, points: some Sequence<(x: Double, y: Double)>) {
            var iterator = points.makeIterator()
            guard let first = iterator.next() else { return nil }
            var (xMin, xMax, yMin, yMax) = (first.x, first.x, first.y, first.y)
            while let (x, y) = iterator.next() {
                xMin = min(xMin, x)
                xMax = max(xMax, x)
                yMin = min(yMin, y)
                yMax = max(yMax, y)
            }
            xScale = ChartScale.linear(xMin, xMax, count: 7)
            yScale =
                chart.logY
                ? ChartScale.logarithmic(pow(10, yMin), pow(10, yMax)) : ChartScale.linear(yMin, yMax, count: 6)
            let yLabels = yScale
            let yTickWidth = yLabels.ticks.map { SVGWriter.textWidth(yLabels.label($0), fontSize: 11) }.max() ?? 20
            showsLegend = chart.series.count > 1 || !(chart.series.first?.name.isEmpty ?? true)
            legendNames = chart.series.map { SVGWriter.shorten($0.name, to: 28) }
            let legendWidth = showsLegend ? (legendNames.map { SVGWriter.textWidth($0) }.max() ?? 0) + 40 : 0
            left = 12 + (chart.yLabel == nil && !chart.logY ? 0 : 20) + yTickWidth + 8
            top = 12 + (chart.title == nil ? 0.0 : 24)
            let bottom = 30 + (chart.xLabel == nil ? 0.0 : 20)
            svgWidth = left + width + 16 + legendWidth
            svgHeight = top + height + bottom
        }

        /// The horizontal position of `x`.
        func px(_ x: Double) -> Double { left + width * xScale.fraction(x) }
        /// The vertical position of `y` (on the y axis's scale).
        func py(_ y: Double) -> Double { top + height * (1 - yScale.fraction(y)) }
    }

    /// Grid lines, ticks and their labels, the two axes and their names.
    private static func drawAxes(_ chart: LineChart, _ plot: Plot, into svg: inout SVGWriter) {
        let (left, top, bottom) = (plot.left, plot.top, plot.top + plot.height)
        for tick in plot.yScale.ticks {
            let y = plot.py(tick)
            svg.line(x1: left, y1: y, x2: left + plot.width, y2: y, className: "grid")
            svg.text(
                plot.yScale.label(tick), x: left - 6, y: y, anchor: "end", className: "tick-label", baseline: "central")
        }
        for tick in plot.xScale.ticks {
            let x = plot.px(tick)
            svg.line(x1: x, y1: top, x2: x, y2: bottom, className: "grid")
            svg.line(x1: x, y1: bottom, x2: x, y2: bottom + 4, className: "axis")
            svg.text(plot.xScale.label(tick), x: x, y: bottom + 17, anchor: "middle", className: "tick-label")
        }
        svg.line(x1: left, y1: bottom, x2: left + plot.width, y2: bottom, className: "axis")
        svg.line(x1: left, y1: top, x2: left, y2: bottom, className: "axis")
        if let xLabel = chart.xLabel {
            svg.text(
                xLabel, x: left + plot.width / 2, y: plot.svgHeight - 8, anchor: "middle", className: "axis-label")
        }
        if chart.yLabel != nil || chart.logY {
            let text = chart.logY ? (chart.yLabel.map { $0 + " (log scale)" } ?? "log scale") : chart.yLabel ?? ""
            svg.text(text, x: 16, y: top + plot.height / 2, anchor: "middle", className: "axis-label", rotate: -90)
        }
    }

    /// One series: a line per run of two or more points, and a dot with a tooltip per point while
    /// the series has at most 40 (a lone point is always a dot).
    private static func drawSeries(
        _ segments: [[(x: Double, y: Double)]], name: String, color: String, _ plot: Plot, into svg: inout SVGWriter
    ) {
        let count = segments.reduce(0) { $0 + $1.count }
        for segment in segments where segment.count > 1 {
            svg.polyline(segment.map { (plot.px($0.x), plot.py($0.y)) }, color: color)
        }
        let logY = plot.yScale.isLogarithmic
        for segment in segments where segment.count == 1 || count <= 40 {
            for (x, y) in segment {
                let shown = logY ? pow(10, y) : y
                let tip = "\(name.isEmpty ? "" : name + ": ")(\(Formatting.metric(x)), \(Formatting.metric(shown)))"
                svg.circle(
                    x: plot.px(x), y: plot.py(y), radius: segment.count == 1 ? 3.5 : 2.5, color: color, tooltip: tip)
            }
        }
    }

    /// A colour swatch and name per series, right of the plot.
    private static func drawLegend(_ chart: LineChart, _ plot: Plot, into svg: inout SVGWriter) {
        let x = plot.left + plot.width + 20
        for (index, name) in plot.legendNames.enumerated() {
            let y = plot.top + 8 + Double(index) * 20
            svg.rect(x: x, y: y - 1.5, width: 22, height: 3, fill: ChartColors.series(index))
            svg.text(
                name, x: x + 28, y: y, className: "legend-label", baseline: "central", tooltip: chart.series[index].name
            )
        }
    }
}
