import Foundation
import NotebookOutput

/// A ``Table`` as an HTML table: caption, header row, rows padded to the header's width, numbers
/// right-aligned. Very long tables show their first rows and say how many were left out.
enum TableView {
    /// The most rows shown.
    static let maximumRows = 1_000

    static func node(_ table: Table) -> HTMLNode {
        let width = max(table.columns.count, table.rows.map(\.count).max() ?? 0)
        var parts: [HTMLNode] = []
        if let caption = table.caption { parts.append(.element("caption", [.text(caption)])) }
        if !table.columns.isEmpty {
            let names = (0..<width).map { $0 < table.columns.count ? table.columns[$0] : "" }
            parts.append(
                .element(
                    "thead",
                    [
                        .element("tr", names.map { .element("th", [.init("scope", "col")], [.text($0)]) })
                    ]))
        }
        let rows = table.rows.prefix(maximumRows).map { row -> HTMLNode in
            .element(
                "tr",
                (0..<width).map { index in
                    let cell = index < row.count ? row[index] : ""
                    return .element("td", class: isNumeric(cell) ? "numeric" : nil, [.text(cell)])
                })
        }
        parts.append(.element("tbody", rows))
        var children: [HTMLNode] = [.element("table", parts)]
        if table.rows.count > maximumRows {
            children.append(
                .element(
                    "p", class: "notice",
                    [
                        .text(
                            "table truncated: showing \(Formatting.grouped(maximumRows)) of \(Formatting.grouped(table.rows.count)) rows"
                        )
                    ]))
        }
        return .element("div", class: "table-output", children)
    }

    private static func isNumeric(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count < 40 else { return false }
        return trimmed.allSatisfy { $0.isNumber || "+-−.,eE%_ ".contains($0) } && trimmed.contains(where: \.isNumber)
    }
}
