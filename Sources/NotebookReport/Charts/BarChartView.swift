import Foundation
import NotebookOutput

/// A ``BarChart`` as an inline SVG: one bar per label from a zero baseline (negative values go
/// down), value labels above the bars when there is room, category labels below (rotated when
/// long). A value that is not finite gets no bar and is labelled "n/a".
enum BarChartView {
    static func svg(_ chart: BarChart) -> HTMLNode {
        let count = max(chart.labels.count, chart.values.count)
        guard count > 0 else {
            return .element("p", class: "chart-empty", [.text((chart.title ?? "bar chart") + ": no bars")])
        }
        let values = (0..<count).map { $0 < chart.values.count ? chart.values[$0] : .nan }
        let labels = (0..<count).map { $0 < chart.labels.count ? chart.labels[$0] : String($0 + 1) }
        let short = labels.map { SVGWriter.shorten($0, to: 18) }
        let finite = values.filter(\.isFinite)
        let scale = ChartScale.linear(min(0, finite.min() ?? 0), max(0, finite.max() ?? 1), count: 6)

        let slot = min(max(480 / Double(count), 6), 64)
        let plotWidth = slot * Double(count)
        let plotHeight = 240.0
        let labelWidth = short.map { SVGWriter.textWidth($0, fontSize: 11) }.max() ?? 0
        let rotated = labelWidth > slot - 4
        let labelHeight = rotated ? labelWidth * 0.71 + 12 : 18
        let yTickWidth = scale.ticks.map { SVGWriter.textWidth(scale.label($0), fontSize: 11) }.max() ?? 20
        let axisLeft = 12 + (chart.yLabel == nil ? 0 : 20) + yTickWidth + 8
        // Rotated labels reach down and left of their bar: leave room for the first one.
        let left = max(axisLeft, rotated ? labelWidth * 0.71 + 8 - slot / 2 : 0)
        let top = 12 + (chart.title == nil ? 0.0 : 24) + 14
        let width = max(left + plotWidth + 24, 240)
        let height = top + plotHeight + labelHeight + 10

        func py(_ y: Double) -> Double { top + plotHeight * (1 - scale.fraction(y)) }

        var svg = SVGWriter()
        if let title = chart.title {
            svg.text(title, x: left + plotWidth / 2, y: 12 + 14, anchor: "middle", className: "chart-title")
        }
        for tick in scale.ticks {
            svg.line(x1: left, y1: py(tick), x2: left + plotWidth, y2: py(tick), className: "grid")
            svg.text(
                scale.label(tick), x: left - 6, y: py(tick), anchor: "end", className: "tick-label", baseline: "central"
            )
        }
        if let yLabel = chart.yLabel {
            svg.text(yLabel, x: 16, y: top + plotHeight / 2, anchor: "middle", className: "axis-label", rotate: -90)
        }
        let zero = py(0)
        for index in 0..<count {
            let x = left + slot * Double(index)
            let value = values[index]
            let center = x + slot / 2
            let tip = "\(labels[index]): \(Formatting.metric(value))"
            if value.isFinite {
                let y = py(value)
                svg.rect(
                    x: x + slot * 0.15, y: min(y, zero), width: slot * 0.7, height: abs(zero - y),
                    fill: ChartColors.series(0), className: "bar", tooltip: tip)
                if slot >= 30 {
                    let labelY = value >= 0 ? min(y, zero) - 4 : max(y, zero) + 12
                    svg.text(Formatting.metric(value), x: center, y: labelY, anchor: "middle", className: "bar-value")
                }
            } else {
                svg.text("n/a", x: center, y: zero - 4, anchor: "middle", className: "bar-value", tooltip: tip)
            }
            let labelY = top + plotHeight + 14
            if rotated {
                svg.text(
                    short[index], x: center, y: labelY - 4, anchor: "end", className: "tick-label", rotate: -45,
                    tooltip: labels[index])
            } else {
                svg.text(
                    short[index], x: center, y: labelY, anchor: "middle", className: "tick-label",
                    tooltip: labels[index])
            }
        }
        svg.line(x1: left, y1: zero, x2: left + plotWidth, y2: zero, className: "axis")
        svg.line(x1: left, y1: top, x2: left, y2: top + plotHeight, className: "axis")
        return svg.svg(width: width, height: height, className: "bar-chart", label: chart.title ?? "bar chart")
    }
}
