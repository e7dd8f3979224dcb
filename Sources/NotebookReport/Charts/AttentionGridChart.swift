import Foundation
import NotebookOutput

/// The static drawing of an ``AttentionView``: one colour grid per shown map (every map side by
/// side, or the first one alone), all on one colour scale with one legend; what readers see where
/// scripts do not run, and what the explorer script restyles and downloads.
///
/// Layout, for 60+ tokens: cells are at least 12 px, so every token keeps a label of its own
/// (column labels turn vertical when they are wider than a cell); a long view scrolls in its
/// figure. Each panel is a `<g class="attn-panel">` whose `data-` attributes give its grid's
/// origin, cell size, rows and columns; its cells are the children of `<g class="attn-cells">` in
/// row-major order, so the script finds a cell by its index and needs no attribute per cell.
enum AttentionGridChart {
    /// The colour scale shared by every map of a view: from 0 (or the lowest weight, when one is
    /// negative) to the highest weight.
    static func scale(_ view: AttentionView) -> ColorScale {
        ColorScale(view.maps.lazy.flatMap { $0.weights.joined() })
    }

    /// The indices of the maps drawn statically.
    static func shownMaps(_ view: AttentionView) -> [Int] {
        view.arrangement == .sideBySide ? Array(view.maps.indices) : (view.maps.isEmpty ? [] : [0])
    }

    /// The cell size for `rows` × `columns` grids, `panels` of them side by side.
    static func cellSize(rows: Int, columns: Int, panels: Int) -> Double {
        let maxWidth = panels == 1 ? 560.0 : 300
        let fit = min(maxWidth / Double(max(columns, 1)), 440 / Double(max(rows, 1))).rounded(.down)
        return min(max(fit, 12), 30)
    }

    /// The SVG of `view` (a view that passes ``AttentionView/shapeProblem``); `id` must be unique in
    /// the page (it names the legend's gradient).
    static func svg(_ view: AttentionView, id: String) -> HTMLNode {
        let scale = Self.scale(view)
        let shown = shownMaps(view)
        let columns = view.sourceTokens.count
        let rows = shown.map { view.maps[$0].weights.count }.max() ?? 0
        let cell = cellSize(rows: rows, columns: columns, panels: shown.count)
        let fontSize = cell < 16 ? 10.0 : 12.0
        let shortColumns = view.sourceTokens.map { SVGWriter.shorten($0, to: 16) }
        let columnLabelWidth = shortColumns.map { SVGWriter.textWidth($0, fontSize: fontSize) }.max() ?? 0
        let vertical = columnLabelWidth > cell - 2
        let columnLabelHeight = vertical ? columnLabelWidth + 8 : fontSize + 8

        let titleHeight = view.title == nil ? 0.0 : 24
        let axesHeight = 18.0
        let panelTitleHeight = 20.0
        let gridTop = 8 + titleHeight + axesHeight + panelTitleHeight + columnLabelHeight
        var svg = SVGWriter()
        var x = 8.0
        var panels: [HTMLNode] = []
        for index in shown {
            let map = view.maps[index]
            let shortRows = map.targetTokens.map { SVGWriter.shorten($0, to: 16) }
            let rowLabelWidth = (shortRows.map { SVGWriter.textWidth($0, fontSize: fontSize) }.max() ?? 0) + 8
            let gridWidth = cell * Double(columns)
            let gridHeight = cell * Double(map.weights.count)
            let width = rowLabelWidth + gridWidth
            panels.append(
                panel(
                    map, index: index, view: view, scale: scale, cell: cell, fontSize: fontSize, vertical: vertical,
                    titleY: 8 + titleHeight + axesHeight + 14, origin: (x, 0), grid: (rowLabelWidth, gridTop),
                    size: (width, gridTop + gridHeight),
                    labels: (shortRows, shortColumns)))
            x += width + 24
        }
        if let title = view.title {
            svg.text(title, x: 8, y: 8 + 16, className: "chart-title")
        }
        svg.text(
            "rows: \(view.targetLabel) · columns: \(view.sourceLabel)", x: 8, y: 8 + titleHeight + 13,
            className: "axis-label")
        for node in panels { svg.append(node) }

        // The shared legend: a vertical gradient from high (top) to low, with ticks, in a group the
        // script moves when it shows one panel alone.
        let legendX = x - 24 + 18
        var legend = SVGWriter()
        let legendHeight = min(max(cell * Double(rows), 80), 240)
        scale.drawLegend(into: &legend, gradientID: id, x: 0, top: gridTop, height: legendHeight)
        svg.append(
            .element(
                "g", class: "attn-legend", [.init("transform", "translate(\(SVGNumber.format(legendX)) 0)")],
                legend.children))
        let width = legendX + 14 + 52
        let height = gridTop + max(cell * Double(rows), legendHeight) + 10
        let names = shown.map { AttentionExplorerView.fullName(view.maps[$0]) }.joined(separator: ", ")
        return svg.svg(
            width: width, height: height, className: "heatmap attention-grid",
            label:
                "\(view.title ?? "attention"): \(names); \(rows) \(view.targetLabel) × \(columns) \(view.sourceLabel) tokens, "
                + "weights \(Formatting.metric(scale.low)) to \(Formatting.metric(scale.high))")
    }

    /// One map's panel: its name, column labels, row labels and cells.
    private static func panel(
        _ map: AttentionMap, index: Int, view: AttentionView, scale: ColorScale, cell: Double, fontSize: Double,
        vertical: Bool, titleY: Double, origin: (x: Double, y: Double), grid: (x: Double, y: Double),
        size: (width: Double, height: Double),
        labels: (rows: [String], columns: [String])
    ) -> HTMLNode {
        let columns = view.sourceTokens.count
        var svg = SVGWriter()
        svg.text(AttentionExplorerView.fullName(map), x: grid.x, y: titleY, className: "legend-label attn-panel-title")
        for column in 0..<columns {
            let x = grid.x + cell * (Double(column) + 0.5)
            svg.text(
                labels.columns[column], x: x, y: grid.y - 6, anchor: vertical ? "start" : "middle",
                className: "tick-label", rotate: vertical ? -90 : nil, baseline: vertical ? "central" : nil,
                fontSize: fontSize, tooltip: view.sourceTokens[column], extra: [.init("data-c", String(column))])
        }
        for row in map.weights.indices {
            svg.text(
                labels.rows[row], x: grid.x - 6, y: grid.y + cell * (Double(row) + 0.5), anchor: "end",
                className: "tick-label", baseline: "central", fontSize: fontSize, tooltip: map.targetTokens[row],
                extra: [.init("data-r", String(row))])
        }
        // A tooltip per cell while they are few; the script's readout names every cell.
        let tooltips = map.weights.count * columns <= 1600
        var cells: [HTMLNode] = []
        cells.reserveCapacity(map.weights.count * columns)
        for (row, values) in map.weights.enumerated() {
            for (column, value) in values.enumerated() {
                let attributes: [HTMLNode.Attribute] = [
                    .init("x", SVGNumber.format(grid.x + cell * Double(column))),
                    .init("y", SVGNumber.format(grid.y + cell * Double(row))),
                    .init("width", SVGNumber.format(cell)), .init("height", SVGNumber.format(cell)),
                    .init("fill", ChartColors.sequential(scale.fraction(value)).color),
                ]
                let tip = "\(map.targetTokens[row]) → \(view.sourceTokens[column]): \(Formatting.metric(value))"
                cells.append(.element("rect", attributes, tooltips ? [.element("title", [.text(tip)])] : []))
            }
        }
        svg.append(.element("g", class: "attn-cells hm-cell", cells))
        return .element(
            "g", class: "attn-panel",
            [
                .init("data-map", String(index)), .init("data-x", SVGNumber.format(origin.x)),
                .init("data-gx", SVGNumber.format(grid.x)), .init("data-gy", SVGNumber.format(grid.y)),
                .init("data-cell", SVGNumber.format(cell)), .init("data-rows", String(map.weights.count)),
                .init("data-cols", String(columns)), .init("data-width", SVGNumber.format(size.width)),
                .init("transform", "translate(\(SVGNumber.format(origin.x)) \(SVGNumber.format(origin.y)))"),
            ], svg.children)
    }
}
