import Foundation
import NotebookOutput

/// A ``Heatmap`` as an inline SVG: a colour grid (viridis) with row and column labels (rotated
/// when long), axis names, a colour legend, a tooltip per cell and, when asked and when cells are
/// big enough, the value in each cell.
enum HeatmapChart {
    /// The SVG for `heatmap`; `id` must be unique in the page (it names the legend's gradient).
    /// `compact` draws it smaller, for panels.
    static func svg(_ heatmap: Heatmap, id: String, compact: Bool = false) -> HTMLNode {
        let rows = heatmap.values.count
        let columns = heatmap.values.map(\.count).max() ?? 0
        guard rows > 0, columns > 0 else {
            return .element("p", class: "chart-empty", [.text((heatmap.title ?? "heatmap") + ": no values")])
        }
        let finite = heatmap.values.joined().filter(\.isFinite)
        let dataMin = finite.min() ?? 0
        let dataMax = finite.max() ?? 1
        // Non-negative data (attention weights, counts) is anchored at zero.
        var low = dataMin >= 0 ? 0 : dataMin
        var high = dataMax
        if high - low <= 0 { high = low + (low == 0 ? 1 : abs(low)) }
        if !low.isFinite || !high.isFinite {
            low = 0
            high = 1
        }

        let rowLabels = (0..<rows).map { label(heatmap.rowLabels, $0) }
        let columnLabels = (0..<columns).map { label(heatmap.columnLabels, $0) }
        let shortRows = rowLabels.map { SVGWriter.shorten($0, to: 16) }
        let shortColumns = columnLabels.map { SVGWriter.shorten($0, to: 16) }

        let (maxWidth, maxHeight, maxCell) = compact ? (260.0, 260.0, 26.0) : (560.0, 480.0, 40.0)
        let cell = min(max((min(maxWidth / Double(columns), maxHeight / Double(rows))).rounded(.down), 9), maxCell)
        let fontSize = cell < 14 ? 10.0 : 12.0
        let rowLabelWidth = (shortRows.map { SVGWriter.textWidth($0, fontSize: fontSize) }.max() ?? 0) + 8
        let columnLabelWidth = shortColumns.map { SVGWriter.textWidth($0, fontSize: fontSize) }.max() ?? 0
        // Labels closer than a line apart would overlap: then only every `stride`-th is drawn.
        let stride = max(1, Int(((fontSize + 2) / cell).rounded(.up)))
        let rotated = columnLabelWidth > cell * Double(stride) - 4
        let columnLabelHeight = rotated ? columnLabelWidth * 0.71 + fontSize + 6 : fontSize + 8
        let overhang = rotated ? max(0, columnLabelWidth * 0.71 - cell / 2) : 0

        // The rotated y title's line (about 16 px) and a gap before the row labels.
        let yAxisWidth = heatmap.yLabel == nil ? 0.0 : 26
        let titleHeight = heatmap.title == nil ? 0.0 : 26
        // The x title's line and a gap above the column labels.
        let xAxisHeight = heatmap.xLabel == nil ? 0.0 : 24
        let gridX = 8 + yAxisWidth + rowLabelWidth
        let gridY = 8 + titleHeight + xAxisHeight + columnLabelHeight
        let gridWidth = cell * Double(columns)
        let gridHeight = cell * Double(rows)
        let legendX = gridX + gridWidth + max(18, overhang + 8)
        let legendHeight = min(max(gridHeight, 80), 240)
        let width = legendX + 14 + 52
        let height = gridY + max(gridHeight, legendHeight) + 10

        var svg = SVGWriter()
        if let title = heatmap.title {
            svg.text(title, x: gridX + gridWidth / 2, y: 8 + 16, anchor: "middle", className: "chart-title")
        }
        if let xLabel = heatmap.xLabel {
            svg.text(
                xLabel, x: gridX + gridWidth / 2, y: 8 + titleHeight + 14, anchor: "middle", className: "axis-label")
        }
        if let yLabel = heatmap.yLabel {
            let y = gridY + gridHeight / 2
            svg.text(yLabel, x: 8 + 14, y: y, anchor: "middle", className: "axis-label", rotate: -90)
        }
        // Column labels, above the grid.
        for column in Swift.stride(from: 0, to: columns, by: stride) {
            let x = gridX + cell * (Double(column) + 0.5)
            if rotated {
                svg.text(
                    shortColumns[column], x: x, y: gridY - 6, anchor: "start", className: "tick-label", rotate: -45,
                    fontSize: fontSize, tooltip: columnLabels[column])
            } else {
                svg.text(
                    shortColumns[column], x: x, y: gridY - 6, anchor: "middle", className: "tick-label",
                    fontSize: fontSize, tooltip: columnLabels[column])
            }
        }
        // Rows: label, then cells.
        let showValues = heatmap.showsValues && cell >= 22
        for row in 0..<rows {
            let y = gridY + cell * Double(row)
            if row % stride == 0 {
                svg.text(
                    shortRows[row], x: gridX - 6, y: y + cell / 2, anchor: "end", className: "tick-label",
                    baseline: "central", fontSize: fontSize, tooltip: rowLabels[row])
            }
            for column in 0..<columns {
                let x = gridX + cell * Double(column)
                let value = column < heatmap.values[row].count ? heatmap.values[row][column] : .nan
                let cellLabel = "\(rowLabels[row]) → \(columnLabels[column]): \(Formatting.metric(value))"
                guard value.isFinite else {
                    svg.rect(x: x, y: y, width: cell, height: cell, className: "hm-missing", tooltip: cellLabel)
                    continue
                }
                let (color, darkText) = ChartColors.sequential((value - low) / (high - low))
                svg.rect(x: x, y: y, width: cell, height: cell, fill: color, className: "hm-cell", tooltip: cellLabel)
                if showValues {
                    svg.text(
                        cellText(value), x: x + cell / 2, y: y + cell / 2, anchor: "middle",
                        className: darkText ? "hm-value on-light" : "hm-value on-dark", baseline: "central",
                        fontSize: min(11, cell * 0.42))
                }
            }
        }
        // Legend: a vertical gradient from high (top) to low, with ticks.
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
            [
                .id(id), .init("x1", "0"), .init("y1", "0"), .init("x2", "0"), .init("y2", "1"),
            ], stops)
        svg.append(.element("defs", [gradient]))
        svg.rect(x: legendX, y: gridY, width: 14, height: legendHeight, fill: "url(#\(id))", className: "legend-bar")
        let scale = ChartScale.linear(low, high, count: 5)
        for tick in scale.ticks where tick >= low - 1e-12 && tick <= high + 1e-12 {
            let y = gridY + legendHeight * (1 - (tick - low) / (high - low))
            svg.line(x1: legendX + 14, y1: y, x2: legendX + 18, y2: y, className: "axis")
            svg.text(scale.label(tick), x: legendX + 21, y: y, className: "tick-label", baseline: "central")
        }
        let name = heatmap.title ?? "heatmap"
        return svg.svg(
            width: width, height: height, className: "heatmap",
            label:
                "\(name): \(rows)×\(columns) heatmap, values \(Formatting.metric(dataMin)) to \(Formatting.metric(dataMax))"
        )
    }

    private static func label(_ labels: [String], _ index: Int) -> String {
        index < labels.count ? labels[index] : String(index)
    }

    private static func cellText(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 100 { return Formatting.metric(value) }
        if magnitude >= 10 { return Formatting.fixed(value, decimals: 1) }
        return Formatting.fixed(value, decimals: 2)
    }
}
