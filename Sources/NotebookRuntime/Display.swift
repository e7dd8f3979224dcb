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

/// Formats table cells: numbers compactly, everything else by description.
enum TableCellFormatter {
    static func format(_ value: Any) -> String {
        switch value {
        case let double as Double: return compact(double)
        case let float as Float: return compact(Double(float))
        case let string as String: return string
        default: return String(describing: value)
        }
    }

    static func compact(_ value: Double) -> String {
        guard value.isFinite else { return String(value) }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        let magnitude = abs(value)
        if magnitude >= 1e-3 && magnitude < 1e6 {
            var text = String(format4: value)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return text
        }
        return String(value)
    }
}

extension String {
    /// Four decimal places, without Foundation's formatter.
    init(format4 value: Double) {
        let scaled = (value * 10_000).rounded()
        let sign = scaled < 0 ? "-" : ""
        let magnitude = Int(abs(scaled))
        let fraction = String(magnitude % 10_000)
        self = "\(sign)\(magnitude / 10_000).\(String(repeating: "0", count: 4 - fraction.count))\(fraction)"
    }
}
