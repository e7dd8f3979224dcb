import Foundation
import NotebookOutput

/// Checks a rich value from the notebook process before it is kept: its shape (a table's rows
/// as wide as its columns, a heatmap's rows equally long, a chart's series and labels matching)
/// and its size. A value that fails becomes a text output saying what is wrong, so a ragged
/// heatmap is an error message, not a 200 MB report.
package enum RichOutputCheck {
    /// The largest single display kept (text, labels and values, estimated): 4 MiB.
    package static let maximumOutputBytes = 4 << 20
    /// The largest rich-output total kept per cell: 16 MiB; per notebook: 64 MiB.
    package static let maximumCellBytes = 16 << 20
    package static let maximumNotebookBytes = 64 << 20
    /// Panels nested deeper than this are refused (the report renders them recursively).
    static let maximumNesting = 8

    /// What is wrong with `output`'s shape, or nil.
    package static func shapeProblem(_ output: RichOutput, depth: Int = 0) -> String? {
        switch output {
        case .text, .markdown, .html:
            return nil
        case .image(let image):
            if NotebookImage.Format(sniffing: image.data) != image.format {
                return
                    "the image's bytes are not a \(image.format.fileExtension.uppercased()) image (\(image.format.rawValue))"
            }
        case .table(let table):
            if let row = table.rows.firstIndex(where: { $0.count != table.columns.count }) {
                return
                    "the table has \(table.columns.count) columns, but row \(row + 1) has \(table.rows[row].count) values"
            }
        case .heatmap(let heatmap):
            let width = heatmap.values.first?.count ?? 0
            if let row = heatmap.values.firstIndex(where: { $0.count != width }) {
                return
                    "the heatmap's rows differ in length: row 1 has \(width) values, row \(row + 1) has \(heatmap.values[row].count)"
            }
            if !heatmap.rowLabels.isEmpty, heatmap.rowLabels.count != heatmap.values.count {
                return "the heatmap has \(heatmap.values.count) rows but \(heatmap.rowLabels.count) row labels"
            }
            if !heatmap.columnLabels.isEmpty, heatmap.columnLabels.count != width {
                return "the heatmap has \(width) columns but \(heatmap.columnLabels.count) column labels"
            }
        case .attention(let view):
            return view.shapeProblem
        case .lineChart(let chart):
            if let series = chart.series.first(where: { $0.x.count != $0.y.count }) {
                return
                    "the line chart's series '\(series.name)' has \(series.x.count) x values and \(series.y.count) y values"
            }
        case .barChart(let chart):
            if chart.labels.count != chart.values.count {
                return "the bar chart has \(chart.labels.count) labels and \(chart.values.count) values"
            }
        case .panels(let panels):
            guard depth < maximumNesting else { return "panels are nested more than \(maximumNesting) deep" }
            for item in panels.items {
                if let problem = shapeProblem(item, depth: depth + 1) { return problem }
            }
        }
        return nil
    }

    /// About how many bytes `output` takes: its text plus 8 per number.
    package static func estimatedBytes(_ output: RichOutput) -> Int {
        func text(_ strings: [String]) -> Int { strings.reduce(0) { $0 + $1.utf8.count } }
        switch output {
        case .text(let string), .markdown(let string), .html(let string): return string.utf8.count
        case .image(let image): return image.data.count * 4 / 3 + (image.alt?.utf8.count ?? 0)
        case .table(let table):
            return text(table.columns) + table.rows.reduce(0) { $0 + text($1) } + (table.caption?.utf8.count ?? 0)
        case .heatmap(let heatmap):
            return heatmap.values.reduce(0) { $0 + 8 * $1.count } + text(heatmap.rowLabels) + text(heatmap.columnLabels)
        case .lineChart(let chart):
            return chart.series.reduce(0) { $0 + 8 * ($1.x.count + $1.y.count) + $1.name.utf8.count }
        case .barChart(let chart):
            return 8 * chart.values.count + text(chart.labels)
        case .attention(let view):
            return view.estimatedBytes
        case .panels(let panels):
            return panels.items.reduce(0) { $0 + estimatedBytes($1) }
        }
    }

    /// A byte count as "3.2 MB" or "512 bytes".
    package static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / Double(1 << 20)) : "\(bytes) bytes"
    }
}
