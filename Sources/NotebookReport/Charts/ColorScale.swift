import Foundation

/// The sequential colour scale of heatmaps and attention grids, and its legend: from 0 (or the
/// lowest value, when one is negative) to the highest value, so that non-negative data such as
/// attention weights and counts is anchored at zero. Non-finite values are left out; an empty or
/// constant range widens to a non-empty one.
struct ColorScale: Equatable {
    /// The values drawn with the scale's first and last colour.
    var low: Double
    var high: Double

    /// The scale of `values`.
    init<Values: Sequence<Double>>(_ values: Values) {
        var low = 0.0
        var high: Double?
        for value in values where value.isFinite {
            low = min(low, value)
            high = max(high ?? value, value)
        }
        var top = high ?? 1
        if !(top - low > 0) { top = low + (low == 0 ? 1 : abs(low)) }
        if !low.isFinite || !top.isFinite { (low, top) = (0, 1) }
        self.low = low
        self.high = top
    }

    /// Where `value` lies on the scale, 0…1 (outside for values beyond it).
    func fraction(_ value: Double) -> Double { (value - low) / (high - low) }

    /// Draws the legend into `svg`: a 14 px wide vertical gradient from the high colour (top) to
    /// the low one, its top-left corner at (`x`, `top`), with about five labelled ticks to its
    /// right. `gradientID` must be unique in the page.
    func drawLegend(into svg: inout SVGWriter, gradientID: String, x: Double, top: Double, height: Double) {
        let stops = (0...8).map { step -> HTMLNode in
            let fraction = Double(step) / 8
            return .element(
                "stop",
                [
                    .init("offset", "\(SVGNumber.format(fraction * 100))%"),
                    .init("stop-color", ChartColors.sequential(1 - fraction).color),
                ])
        }
        let gradient = HTMLNode.element(
            "linearGradient",
            [.id(gradientID), .init("x1", "0"), .init("y1", "0"), .init("x2", "0"), .init("y2", "1")], stops)
        svg.append(.element("defs", [gradient]))
        svg.rect(x: x, y: top, width: 14, height: height, fill: "url(#\(gradientID))", className: "legend-bar")
        let ticks = ChartScale.linear(low, high, count: 5)
        for tick in ticks.ticks where tick >= low - 1e-12 && tick <= high + 1e-12 {
            let y = top + height * (1 - fraction(tick))
            svg.line(x1: x + 14, y1: y, x2: x + 18, y2: y, className: "axis")
            svg.text(ticks.label(tick), x: x + 21, y: y, className: "tick-label", baseline: "central")
        }
    }
}
