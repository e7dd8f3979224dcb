/// Shows `value` in the cell's output, in order with the cell's printed text: richly when it is
/// ``NotebookDisplayable`` (tables, charts, heatmaps), else as its description.
public func display(_ value: Any) {
    CellRecorder.shared.emit(.display(richOutput(for: value)))
}

/// Shows several values side by side (one panel each), with an optional title.
public func display(panels values: [Any], title: String? = nil) {
    CellRecorder.shared.emit(.display(.panels(Panels(values.map(richOutput(for:)), title: title))))
}

/// Shows a table built from rows of any values (each formatted with its description).
///
/// ```swift
/// display(table: [["dot", 0.91], ["additive", 0.95]], columns: ["scoring", "accuracy"])
/// ```
public func display(table rows: [[Any]], columns: [String], caption: String? = nil) {
    let formatted = rows.map { row in row.map(TableCellFormatter.format) }
    display(Table(columns: columns, rows: formatted, caption: caption))
}

/// Reports progress of a long loop (a training run): shown live on the terminal while the notebook
/// runs, and as the last value in the report.
///
/// ```swift
/// for epoch in 1...epochs { ...; reportProgress("epoch", epoch, of: epochs, metrics: ["loss": loss]) }
/// ```
public func reportProgress(_ label: String, _ completed: Int, of total: Int? = nil, metrics: [String: Double] = [:]) {
    CellRecorder.shared.emit(.progress(Progress(label: label, completed: completed, total: total, metrics: metrics)))
}

/// Formats table cells: numbers as ``ReadableNumber`` writes them, optionals as their value or
/// `nil`, everything else by description.
enum TableCellFormatter {
    static func format(_ value: Any) -> String {
        ValueText.text(for: value, style: .compact)
    }
}
