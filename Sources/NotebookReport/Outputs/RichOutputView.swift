import NotebookOutput

/// The HTML of a ``RichOutput``: text as `<pre>`, tables as HTML tables, charts and heatmaps as
/// inline SVG, panels as a wrapping grid.
enum RichOutputView {
    /// How deep panels may nest before the rest is summarised.
    static let maximumNesting = 6

    static func html(_ output: RichOutput, context: RenderContext, depth: Int = 0) -> String {
        switch output {
        case .text(let text):
            return TextOutputView.html(text, className: "value", label: "value", context: context)
        case .table(let table):
            return TableView.html(table)
        case .heatmap(let heatmap):
            return "<figure class=\"chart-output\">" + HeatmapChart.svg(heatmap, id: context.uniqueID("hm"), compact: depth > 0) + "</figure>"
        case .lineChart(let chart):
            return "<figure class=\"chart-output\">" + LineChartView.svg(chart) + "</figure>"
        case .barChart(let chart):
            return "<figure class=\"chart-output\">" + BarChartView.svg(chart) + "</figure>"
        case .panels(let panels):
            var html = "<div class=\"panels\">"
            if let title = panels.title { html += "<div class=\"panels-title\">" + HTMLEscaping.escape(title) + "</div>" }
            html += "<div class=\"panel-grid\">"
            if depth >= maximumNesting {
                html += "<p class=\"notice\">\(panels.items.count) panels nested too deep to show</p>"
            } else {
                for item in panels.items {
                    html += "<div class=\"panel\">" + self.html(item, context: context, depth: depth + 1) + "</div>"
                }
            }
            return html + "</div></div>"
        }
    }
}
