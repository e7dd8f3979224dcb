import NotebookOutput

/// The HTML of a ``RichOutput``: text as `<pre>`, tables as HTML tables, charts and heatmaps as
/// inline SVG, panels as a wrapping grid.
enum RichOutputView {
    /// How deep panels may nest before the rest is summarised.
    static let maximumNesting = 6

    static func node(_ output: RichOutput, context: RenderContext, depth: Int = 0) -> HTMLNode {
        switch output {
        case .text(let text):
            return TextOutputView.node(text, className: "value", label: "value", context: context)
        case .table(let table):
            return TableView.node(table)
        case .heatmap(let heatmap):
            return .element("figure", class: "chart-output", [
                HeatmapChart.svg(heatmap, id: context.uniqueID("hm"), compact: depth > 0)
            ])
        case .lineChart(let chart):
            return .element("figure", class: "chart-output", [LineChartView.svg(chart)])
        case .barChart(let chart):
            return .element("figure", class: "chart-output", [BarChartView.svg(chart)])
        case .panels(let panels):
            var children: [HTMLNode] = []
            if let title = panels.title { children.append(.element("div", class: "panels-title", [.text(title)])) }
            let grid: [HTMLNode] =
                depth >= maximumNesting
                ? [.element("p", class: "notice", [.text("\(panels.items.count) panels nested too deep to show")])]
                : panels.items.map { .element("div", class: "panel", [node($0, context: context, depth: depth + 1)]) }
            children.append(.element("div", class: "panel-grid", grid))
            return .element("div", class: "panels", children)
        }
    }
}
