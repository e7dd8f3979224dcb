import Foundation
import NotebookOutput

/// A ``Table`` as an HTML table: caption, header row, rows padded to the header's width, numbers
/// right-aligned. Very long tables show their first rows and say how many were left out.
enum TableView {
    /// The most rows shown.
    static let maximumRows = 1_000

    static func html(_ table: Table) -> String {
        let width = max(table.columns.count, table.rows.map(\.count).max() ?? 0)
        var html = "<div class=\"table-output\"><table>"
        if let caption = table.caption { html += "<caption>" + HTMLEscaping.escape(caption) + "</caption>" }
        if !table.columns.isEmpty {
            html += "<thead><tr>"
            for index in 0..<width {
                let name = index < table.columns.count ? table.columns[index] : ""
                html += "<th scope=\"col\">" + HTMLEscaping.escape(name) + "</th>"
            }
            html += "</tr></thead>"
        }
        html += "<tbody>"
        for row in table.rows.prefix(maximumRows) {
            html += "<tr>"
            for index in 0..<width {
                let cell = index < row.count ? row[index] : ""
                html += isNumeric(cell) ? "<td class=\"numeric\">" : "<td>"
                html += HTMLEscaping.escape(cell) + "</td>"
            }
            html += "</tr>"
        }
        html += "</tbody></table>"
        if table.rows.count > maximumRows {
            html += "<p class=\"notice\">table truncated: showing \(Formatting.grouped(maximumRows)) of "
            html += "\(Formatting.grouped(table.rows.count)) rows</p>"
        }
        return html + "</div>"
    }

    private static func isNumeric(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count < 40 else { return false }
        return trimmed.allSatisfy { $0.isNumber || "+-−.,eE%_ ".contains($0) } && trimmed.contains(where: \.isNumber)
    }
}
