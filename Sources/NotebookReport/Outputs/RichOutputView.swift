import NotebookDocument
import NotebookOutput

/// The HTML of a ``RichOutput``: text as `<pre>`, tables as HTML tables, charts and heatmaps as
/// inline SVG, panels as a wrapping grid, Markdown as prose, HTML sanitised, images embedded.
enum RichOutputView {
    /// How deep panels may nest before the rest is summarised.
    static let maximumNesting = 6

    /// The HTML of `output`. `line` is the cell's line in the notes (for warnings about Markdown
    /// outputs); `alt` describes a drawing or image that does not describe itself (`fig-alt`).
    static func node(
        _ output: RichOutput, context: RenderContext, depth: Int = 0, line: Int = 0, alt: String? = nil
    ) -> HTMLNode {
        let described: [HTMLNode.Attribute] = alt.map { [.init("role", "img"), .init("aria-label", $0)] } ?? []
        switch output {
        case .text(let text):
            return TextOutputView.node(text, className: "value", label: "value", context: context)
        case .table(let table):
            return TableView.node(table)
        case .heatmap(let heatmap):
            return .element(
                "figure", class: "chart-output", described,
                [
                    HeatmapChart.svg(heatmap, id: context.uniqueID("hm"), compact: depth > 0)
                ])
        case .lineChart(let chart):
            return .element("figure", class: "chart-output", described, [LineChartView.svg(chart)])
        case .barChart(let chart):
            return .element("figure", class: "chart-output", described, [BarChartView.svg(chart)])
        case .markdown(let markdown):
            return .element(
                "div", class: "prose markdown-output",
                [
                    ProseRenderer.node(ProseBlock(markdown: markdown, startLine: line), context: context)
                ])
        case .html(let html):
            return .element("div", class: "html-output", [.trusted(SafeToken.serialize(HTMLSanitizer.sanitize(html)))])
        case .image(let image):
            return .element(
                "div", class: "image-output",
                [
                    .element("img", [.init("src", image.dataURL), .init("alt", image.alt ?? alt ?? "")])
                ])
        case .attention(let view):
            return AttentionExplorerView.node(view, context: context, described: described)
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
