/// A type that shows itself richly in a notebook report (a table, a chart, a heatmap) instead of
/// as its text description.
///
/// ```swift
/// extension Vocabulary: NotebookDisplayable {
///     public var notebookOutput: RichOutput {
///         .table(Table(columns: ["token", "id"], rows: tokens.enumerated().map { [$1, "\($0)"] }))
///     }
/// }
/// ```
public protocol NotebookDisplayable {
    /// How the value looks in a report.
    var notebookOutput: RichOutput { get }
}

extension Table: NotebookDisplayable {
    /// The table itself.
    public var notebookOutput: RichOutput { .table(self) }
}

extension Heatmap: NotebookDisplayable {
    /// The heatmap itself.
    public var notebookOutput: RichOutput { .heatmap(self) }
}

extension LineChart: NotebookDisplayable {
    /// The chart itself.
    public var notebookOutput: RichOutput { .lineChart(self) }
}

extension BarChart: NotebookDisplayable {
    /// The chart itself.
    public var notebookOutput: RichOutput { .barChart(self) }
}

extension Panels: NotebookDisplayable {
    /// The panels themselves.
    public var notebookOutput: RichOutput { .panels(self) }
}

extension AttentionView: NotebookDisplayable {
    /// The attention explorer.
    public var notebookOutput: RichOutput { .attention(self) }
}

extension RichOutput: NotebookDisplayable {
    /// The output itself.
    public var notebookOutput: RichOutput { self }
}

/// How any value looks in a report: its ``NotebookDisplayable`` output, else its text as people
/// read it (an optional as its value or `nil`, numbers as ``ReadableNumber`` writes them).
public func richOutput(for value: Any) -> RichOutput {
    let value = ValueText.unwrapped(value)
    if let displayable = value as? NotebookDisplayable { return displayable.notebookOutput }
    return .text(ValueText.text(for: value, style: .value))
}
