import Foundation
import NotebookOutput

/// A ``LineChart`` as an inline SVG: axes with ticks at nice numbers, grid lines, axis names, a
/// legend, one colour per series, an optional logarithmic y axis. Points that are not finite
/// (or not positive on a log axis) are left out and break the line; a lone point is a dot.
enum LineChartView {
    static func svg(_ chart: LineChart) -> HTMLNode {
        // Finite points per series, split into runs at the gaps.
        let runs: [[[(Double, Double)]]] = chart.series.map { series in
            var segments: [[(Double, Double)]] = [[]]
            for (x, y) in zip(series.x, series.y) {
                let usable = x.isFinite && y.isFinite && (!chart.logY || y > 0)
                if usable {
                    segments[segments.count - 1].append((x, chart.logY ? log10(y) : y))
                } else if !segments[segments.count - 1].isEmpty {
                    segments.append([])
                }
            }
            return segments.filter { !$0.isEmpty }
        }
        let points = runs.joined().joined()
        let title = chart.title
        let plotWidth = 560.0
        let plotHeight = 300.0
        guard let firstPoint = points.first else {
            return .element("p", class: "chart-empty", [.text((title ?? "line chart") + ": no finite values to plot")])
        }
        var xMin = firstPoint.0
        var xMax = firstPoint.0
        var yMin = firstPoint.1
        var yMax = firstPoint.1
        for (x, y) in points {
            xMin = min(xMin, x)
            xMax = max(xMax, x)
            yMin = min(yMin, y)
            yMax = max(yMax, y)
        }
        let xScale = ChartScale.linear(xMin, xMax, count: 7)
        let yScale =
            chart.logY ? ChartScale.logarithmic(pow(10, yMin), pow(10, yMax)) : ChartScale.linear(yMin, yMax, count: 6)

        let yTickWidth = yScale.ticks.map { SVGWriter.textWidth(yScale.label($0), fontSize: 11) }.max() ?? 20
        let showsLegend = chart.series.count > 1 || !(chart.series.first?.name.isEmpty ?? true)
        let legendNames = chart.series.map { SVGWriter.shorten($0.name, to: 28) }
        let legendWidth = showsLegend ? (legendNames.map { SVGWriter.textWidth($0) }.max() ?? 0) + 40 : 0
        let left = 12 + (chart.yLabel == nil && !chart.logY ? 0 : 20) + yTickWidth + 8
        let top = 12 + (title == nil ? 0.0 : 24)
        let bottom = 30 + (chart.xLabel == nil ? 0.0 : 20)
        let width = left + plotWidth + 16 + legendWidth
        let height = top + plotHeight + bottom

        func px(_ x: Double) -> Double { left + plotWidth * xScale.fraction(x) }
        func py(_ y: Double) -> Double { top + plotHeight * (1 - yScale.fraction(y)) }

        var svg = SVGWriter()
        if let title {
            svg.text(title, x: left + plotWidth / 2, y: 12 + 14, anchor: "middle", className: "chart-title")
        }
        // Grid and ticks.
        for tick in yScale.ticks {
            let y = py(tick)
            svg.line(x1: left, y1: y, x2: left + plotWidth, y2: y, className: "grid")
            svg.text(yScale.label(tick), x: left - 6, y: y, anchor: "end", className: "tick-label", baseline: "central")
        }
        for tick in xScale.ticks {
            let x = px(tick)
            svg.line(x1: x, y1: top, x2: x, y2: top + plotHeight, className: "grid")
            svg.line(x1: x, y1: top + plotHeight, x2: x, y2: top + plotHeight + 4, className: "axis")
            svg.text(xScale.label(tick), x: x, y: top + plotHeight + 17, anchor: "middle", className: "tick-label")
        }
        svg.line(x1: left, y1: top + plotHeight, x2: left + plotWidth, y2: top + plotHeight, className: "axis")
        svg.line(x1: left, y1: top, x2: left, y2: top + plotHeight, className: "axis")
        if let xLabel = chart.xLabel {
            svg.text(xLabel, x: left + plotWidth / 2, y: height - 8, anchor: "middle", className: "axis-label")
        }
        if chart.yLabel != nil || chart.logY {
            let text = chart.logY ? (chart.yLabel.map { $0 + " (log scale)" } ?? "log scale") : chart.yLabel ?? ""
            svg.text(text, x: 16, y: top + plotHeight / 2, anchor: "middle", className: "axis-label", rotate: -90)
        }
        // Series.
        for (index, segments) in runs.enumerated() {
            let color = ChartColors.series(index)
            let count = segments.reduce(0) { $0 + $1.count }
            for segment in segments where segment.count > 1 {
                svg.polyline(segment.map { (px($0.0), py($0.1)) }, color: color)
            }
            let name = chart.series[index].name
            for segment in segments where segment.count == 1 || count <= 40 {
                for (x, y) in segment {
                    let shown = chart.logY ? pow(10, y) : y
                    let tip = "\(name.isEmpty ? "" : name + ": ")(\(Formatting.metric(x)), \(Formatting.metric(shown)))"
                    svg.circle(x: px(x), y: py(y), radius: segment.count == 1 ? 3.5 : 2.5, color: color, tooltip: tip)
                }
            }
        }
        // Legend.
        if showsLegend {
            let x = left + plotWidth + 20
            for (index, name) in legendNames.enumerated() {
                let y = top + 8 + Double(index) * 20
                svg.rect(x: x, y: y - 1.5, width: 22, height: 3, fill: ChartColors.series(index))
                svg.text(
                    name, x: x + 28, y: y, className: "legend-label", baseline: "central",
                    tooltip: chart.series[index].name)
            }
        }
        let seriesNames = chart.series.map(\.name).filter { !$0.isEmpty }.joined(separator: ", ")
        let label = [title ?? "line chart", seriesNames].filter { !$0.isEmpty }.joined(separator: ": ")
        return svg.svg(width: width, height: height, className: "line-chart", label: label)
    }
}
