import Foundation
import NotebookOutput

/// A ``Heatmap`` as an inline SVG: a colour grid (viridis) with row and column labels (rotated
/// when long), axis names, a colour legend, a tooltip per cell and, when asked and when cells are
/// big enough, the value in each cell.
enum HeatmapChart {
    /// The SVG for `heatmap`; `id` must be unique in the page (it names the legend's gradient).
    /// `compact` draws it smaller, for panels.
    static func svg(_ heatmap: Heatmap, id: String, compact: Bool = false) -> HTMLNode {
        guard let layout = Layout(heatmap, compact: compact) else {
            return .element("p", class: "chart-empty", [.text((heatmap.title ?? "heatmap") + ": no values")])
        }
        var svg = SVGWriter()
        drawTitles(heatmap, layout, into: &svg)
        drawColumnLabels(layout, into: &svg)
        drawRows(heatmap, layout, into: &svg)
        layout.scale.drawLegend(
            into: &svg, gradientID: id, x: layout.legendX, top: layout.gridY, height: layout.legendHeight)
        let range =
            "\(Formatting.metric(layout.dataRange.lowerBound)) to \(Formatting.metric(layout.dataRange.upperBound))"
        return svg.svg(
            width: layout.width, height: layout.height, className: "heatmap",
            label: "\(heatmap.title ?? "heatmap"): \(layout.rows)×\(layout.columns) heatmap, values \(range)")
    }

    /// Where everything goes: the cell size follows from the grid's shape and the room there is,
    /// the margins from the labels' widths.
    struct Layout {
        var rows: Int
        var columns: Int
        var scale: ColorScale
        /// The lowest and highest finite value (0…1 when there is none).
        var dataRange: ClosedRange<Double>
        var rowLabels: [String]
        var columnLabels: [String]
        /// The labels as drawn, shortened to 16 characters (the full ones are tooltips).
        var shortRows: [String]
        var shortColumns: [String]
        var cell: Double
        var fontSize: Double
        /// Labels closer than a line apart would overlap: then only every `stride`-th is drawn.
        var stride: Int
        /// Whether column labels are drawn at 45° (when they are wider than their cells).
        var rotated: Bool
        var titleHeight: Double
        var gridX: Double
        var gridY: Double
        var gridWidth: Double
        var gridHeight: Double
        var legendX: Double
        var legendHeight: Double
        var width: Double
        var height: Double

        /// The layout of `heatmap`, or nil when it has no values.
        init?(_ heatmap: Heatmap, compact: Bool) {
            rows = heatmap.values.count
            columns = heatmap.values.map(\.count).max() ?? 0
            guard rows > 0, columns > 0 else { return nil }
            let finite = heatmap.values.joined().filter(\.isFinite)
            scale = ColorScale(finite)
            dataRange = (finite.min() ?? 0)...(finite.max() ?? 1)
            rowLabels = (0..<rows).map { HeatmapChart.label(heatmap.rowLabels, $0) }
            columnLabels = (0..<columns).map { HeatmapChart.label(heatmap.columnLabels, $0) }
            shortRows = rowLabels.map { SVGWriter.shorten($0, to: 16) }
            shortColumns = columnLabels.map { SVGWriter.shorten($0, to: 16) }

            let (maxWidth, maxHeight, maxCell) = compact ? (260.0, 260.0, 26.0) : (560.0, 480.0, 40.0)
            let fit = min(maxWidth / Double(columns), maxHeight / Double(rows)).rounded(.down)
            cell = min(max(fit, 9), maxCell)
            fontSize = cell < 14 ? 10.0 : 12.0
            let size = fontSize
            let rowLabelWidth = (shortRows.map { SVGWriter.textWidth($0, fontSize: size) }.max() ?? 0) + 8
            let columnLabelWidth = shortColumns.map { SVGWriter.textWidth($0, fontSize: size) }.max() ?? 0
            stride = max(1, Int(((fontSize + 2) / cell).rounded(.up)))
            rotated = columnLabelWidth > cell * Double(stride) - 4
            let columnLabelHeight = rotated ? columnLabelWidth * 0.71 + fontSize + 6 : fontSize + 8
            let overhang = rotated ? max(0, columnLabelWidth * 0.71 - cell / 2) : 0

            // The rotated y title's line (about 16 px) and a gap before the row labels.
            let yAxisWidth = heatmap.yLabel == nil ? 0.0 : 26
            titleHeight = heatmap.title == nil ? 0.0 : 26
            // The x title's line and a gap above the column labels.
            let xAxisHeight = heatmap.xLabel == nil ? 0.0 : 24
            gridX = 8 + yAxisWidth + rowLabelWidth
            gridY = 8 + titleHeight + xAxisHeight + columnLabelHeight
            gridWidth = cell * Double(columns)
            gridHeight = cell * Double(rows)
            legendX = gridX + gridWidth + max(18, overhang + 8)
            legendHeight = min(max(gridHeight, 80), 240)
            width = legendX + 14 + 52
            height = gridY + max(gridHeight, legendHeight) + 10
        }
    }

    /// The chart's title, and the x and y axes' names.
    private static func drawTitles(_ heatmap: Heatmap, _ layout: Layout, into svg: inout SVGWriter) {
        let centerX = layout.gridX + layout.gridWidth / 2
        if let title = heatmap.title {
            svg.text(title, x: centerX, y: 8 + 16, anchor: "middle", className: "chart-title")
        }
        if let xLabel = heatmap.xLabel {
            svg.text(xLabel, x: centerX, y: 8 + layout.titleHeight + 14, anchor: "middle", className: "axis-label")
        }
        if let yLabel = heatmap.yLabel {
            let y = layout.gridY + layout.gridHeight / 2
            svg.text(yLabel, x: 8 + 14, y: y, anchor: "middle", className: "axis-label", rotate: -90)
        }
    }

    /// Column labels, above the grid.
    private static func drawColumnLabels(_ layout: Layout, into svg: inout SVGWriter) {
        for column in Swift.stride(from: 0, to: layout.columns, by: layout.stride) {
            let x = layout.gridX + layout.cell * (Double(column) + 0.5)
            svg.text(
                layout.shortColumns[column], x: x, y: layout.gridY - 6, anchor: layout.rotated ? "start" : "middle",
                className: "tick-label", rotate: layout.rotated ? -45 : nil, fontSize: layout.fontSize,
                tooltip: layout.columnLabels[column])
        }
    }

    /// Each row: its label, then its cells (a missing or non-finite value is drawn as missing).
    private static func drawRows(_ heatmap: Heatmap, _ layout: Layout, into svg: inout SVGWriter) {
        let cell = layout.cell
        let showValues = heatmap.showsValues && cell >= 22
        for row in 0..<layout.rows {
            let y = layout.gridY + cell * Double(row)
            if row % layout.stride == 0 {
                svg.text(
                    layout.shortRows[row], x: layout.gridX - 6, y: y + cell / 2, anchor: "end",
                    className: "tick-label", baseline: "central", fontSize: layout.fontSize,
                    tooltip: layout.rowLabels[row])
            }
            for column in 0..<layout.columns {
                let x = layout.gridX + cell * Double(column)
                let value = column < heatmap.values[row].count ? heatmap.values[row][column] : .nan
                let cellLabel = "\(layout.rowLabels[row]) → \(layout.columnLabels[column]): \(Formatting.metric(value))"
                guard value.isFinite else {
                    svg.rect(x: x, y: y, width: cell, height: cell, className: "hm-missing", tooltip: cellLabel)
                    continue
                }
                let (color, darkText) = ChartColors.sequential(layout.scale.fraction(value))
                svg.rect(x: x, y: y, width: cell, height: cell, fill: color, className: "hm-cell", tooltip: cellLabel)
                if showValues {
                    svg.text(
                        cellText(value), x: x + cell / 2, y: y + cell / 2, anchor: "middle",
                        className: darkText ? "hm-value on-light" : "hm-value on-dark", baseline: "central",
                        fontSize: min(11, cell * 0.42))
                }
            }
        }
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
