import Foundation
import NotebookOutput

/// The report's renderers of rich outputs, for other formats (Jupyter notebooks, Markdown with
/// outputs, comparison pages): standalone SVG for charts and heatmaps, self-styled HTML for tables
/// and panels, and a plain-text form of every output.
public enum OutputRendering {
    /// A standalone SVG document for a chart or heatmap (nil for text, tables and panels): the
    /// report's drawing with its styles inlined and a white background, so it reads the same in
    /// an `<img>`, in Jupyter's `image/svg+xml` output or as a file. `id` must be unique in the
    /// page that shows it (it names the heatmap legend's gradient).
    public static func standaloneSVG(_ output: RichOutput, id: String) -> String? {
        let svg: HTMLNode
        switch output {
        case .heatmap(let heatmap): svg = HeatmapChart.svg(heatmap, id: id)
        case .lineChart(let chart): svg = LineChartView.svg(chart)
        case .barChart(let chart): svg = BarChartView.svg(chart)
        case .attention(let view):
            guard view.shapeProblem == nil else { return nil }
            svg = AttentionGridChart.svg(view, id: id)
        case .text, .table, .panels, .markdown, .html, .image: return nil
        }
        guard case .element("svg", _, _) = svg.kind else { return nil }
        return svg.prepending([
            .element("style", [.trusted(standaloneChartStyle)]),
            .element("rect", [.init("width", "100%"), .init("height", "100%"), .init("fill", "#ffffff")]),
        ]).render()
    }

    /// An HTML fragment for `output` that carries its own styles (tables, panels of charts), for
    /// pages without the report's style sheet such as Jupyter's `text/html` outputs. `id` prefixes
    /// the ids of the heatmaps inside.
    public static func standaloneHTML(_ output: RichOutput, id: String) -> String {
        let context = RenderContext(options: ReportOptions(), notebookPath: "", idPrefix: id + "-")
        return HTMLNode.element(
            "div", class: "notebook-output",
            [
                .element("style", [.trusted(standaloneHTMLStyle)]), RichOutputView.node(output, context: context),
            ]
        ).render()
    }

    /// `html` sanitised as the report sanitises the notes' HTML (for `display(html:)` in other
    /// formats).
    public static func sanitizedHTML(_ html: String) -> String {
        SafeToken.serialize(HTMLSanitizer.sanitize(html))
    }

    /// A plain-text form of `output`: text as is, tables with aligned columns, charts and heatmaps
    /// as a one-line summary (kind, title, size, series).
    public static func plainText(_ output: RichOutput) -> String {
        switch output {
        case .text(let text), .markdown(let text): return text
        case .html(let html):
            return HTMLSanitizer.sanitize(html).map { if case .text(let text) = $0 { text } else { "" } }.joined()
        case .image(let image):
            return image.alt ?? "\(image.format.fileExtension.uppercased()) image, \(image.data.count) bytes"
        case .table(let table): return PlainTable.render(table)
        case .heatmap(let heatmap):
            let columns = heatmap.values.map(\.count).max() ?? 0
            return "heatmap\(heatmap.title.map { ": " + $0 } ?? "") (\(heatmap.values.count)×\(columns))"
        case .lineChart(let chart):
            let names = chart.series.map(\.name).filter { !$0.isEmpty }
            let points = chart.series.map(\.y.count).reduce(0, +)
            let list = names.isEmpty ? "" : " — " + names.joined(separator: ", ")
            return
                "line chart\(chart.title.map { ": " + $0 } ?? "") (\(chart.series.count) series, \(points) points)\(list)"
        case .barChart(let chart):
            let bars = zip(chart.labels, chart.values).map { "\($0): \(Formatting.metric($1))" }
            return "bar chart\(chart.title.map { ": " + $0 } ?? "")\n" + bars.joined(separator: "\n")
        case .attention(let view):
            let names = view.maps.map(\.name).joined(separator: ", ")
            return "attention\(view.title.map { ": " + $0 } ?? "") (\(view.maps.count) maps over "
                + "\(view.sourceTokens.count) \(view.sourceLabel) tokens, \(view.stepCount) steps) — \(names)"
        case .panels(let panels):
            let items = panels.items.map(plainText).joined(separator: "\n\n")
            return panels.title.map { $0 + "\n\n" + items } ?? items
        }
    }

    /// The chart rules of the report's style sheet with fixed light colours
    /// (`assets/report/chart-standalone.css`).
    static let standaloneChartStyle = ReportAssets.withoutComments(ReportAssets.standaloneChartStyle)
        .replacingOccurrences(of: "\n", with: "")

    /// Table, panel and chart rules scoped to `.notebook-output`.
    static let standaloneHTMLStyle: String = {
        let base = """
            .notebook-output table{border-collapse:collapse;font-size:13px}\
            .notebook-output th,.notebook-output td{border:1px solid #d1d9e0;padding:3px 8px}\
            .notebook-output td.numeric{text-align:right;font-variant-numeric:tabular-nums}\
            .notebook-output caption{font-weight:600;text-align:left;padding:2px 0}\
            .notebook-output .panel-grid{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}\
            .notebook-output .panels-title{font-weight:600}.notebook-output figure{margin:4px 0}\
            .notebook-output svg{background:#ffffff}
            """
        let charts = standaloneChartStyle.split(separator: "}").map { ".notebook-output svg " + $0 + "}" }
        return base + charts.joined()
    }()
}

/// A table as aligned plain text: header, a rule, rows (cells padded to the widest in the column).
enum PlainTable {
    static func render(_ table: Table) -> String {
        let width = max(table.columns.count, table.rows.map(\.count).max() ?? 0)
        let rows = ([table.columns] + table.rows).map { row in
            (0..<width).map { $0 < row.count ? row[$0].replacingOccurrences(of: "\n", with: " ") : "" }
        }
        let widths = (0..<width).map { column in rows.map { $0[column].count }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            zip(row, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var lines = table.caption.map { [$0] } ?? []
        if !table.columns.isEmpty {
            lines.append(line(rows[0]))
            lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
        }
        lines += rows.dropFirst().map(line)
        return lines.joined(separator: "\n")
    }
}
