/// A value a cell shows besides its printed text: the typed payload of `display(_:)`.
///
/// Rich outputs travel from the notebook process to the runner as JSON records (see
/// ``OutputRecord``), so every case is plain data; the report decides how each one looks
/// (HTML tables, inline SVG charts and heatmaps).
public enum RichOutput: Sendable, Equatable, Codable {
    /// Preformatted text (the description of a value).
    case text(String)
    /// A table with a header row.
    case table(Table)
    /// A matrix of numbers shown as a colour grid with labelled rows and columns.
    case heatmap(Heatmap)
    /// One or more numeric series drawn as lines over a shared x axis.
    case lineChart(LineChart)
    /// Labelled bars.
    case barChart(BarChart)
    /// Several outputs shown side by side (one panel per head, per variant, ...).
    case panels(Panels)
    /// Markdown text, shown as the notes' prose is (`display(markdown:)`).
    case markdown(String)
    /// HTML, shown sanitised as the notes' inline HTML is (`display(html:)`).
    case html(String)
    /// A PNG, JPEG or SVG image (`display(image:)`, `display(imageAt:)`).
    case image(NotebookImage)
    /// Attention weights to explore: decoder steps, layers and heads or variants, hover, SVG download.
    case attention(AttentionView)
}

/// A table: column headers and rows of already formatted cells.
public struct Table: Sendable, Equatable, Codable {
    /// The column headers.
    public var columns: [String]
    /// The rows; each row has `columns.count` cells (shorter rows are padded when shown).
    public var rows: [[String]]
    /// An optional caption shown above the table.
    public var caption: String?

    /// Creates a table from headers and rows.
    public init(columns: [String], rows: [[String]], caption: String? = nil) {
        self.columns = columns
        self.rows = rows
        self.caption = caption
    }
}

/// A matrix of values shown as a heatmap, such as attention weights (rows: target tokens,
/// columns: source tokens).
public struct Heatmap: Sendable, Equatable, Codable {
    /// The values, `values[row][column]`.
    public var values: [[Double]]
    /// One label per row (may be empty: rows are then numbered).
    public var rowLabels: [String]
    /// One label per column (may be empty: columns are then numbered).
    public var columnLabels: [String]
    /// A title above the grid.
    public var title: String?
    /// The name of the horizontal axis (columns).
    public var xLabel: String?
    /// The name of the vertical axis (rows).
    public var yLabel: String?
    /// Whether each cell also prints its value.
    public var showsValues: Bool

    /// Creates a heatmap.
    public init(
        values: [[Double]], rowLabels: [String] = [], columnLabels: [String] = [],
        title: String? = nil, xLabel: String? = nil, yLabel: String? = nil, showsValues: Bool = false
    ) {
        self.values = values
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.showsValues = showsValues
    }
}

/// One named series of a ``LineChart``.
public struct Series: Sendable, Equatable, Codable {
    /// The legend entry.
    public var name: String
    /// The x coordinates.
    public var x: [Double]
    /// The y coordinates (`y.count == x.count`).
    public var y: [Double]

    /// Creates a series.
    public init(name: String, x: [Double], y: [Double]) {
        self.name = name
        self.x = x
        self.y = y
    }

    /// Creates a series whose x coordinates are 1, 2, 3, ...
    public init(name: String, y: [Double]) {
        self.init(name: name, x: y.indices.map { Double($0 + 1) }, y: y)
    }
}

/// Lines over a shared x axis: loss curves, accuracy against length, positional encodings.
public struct LineChart: Sendable, Equatable, Codable {
    /// The series, drawn in order, each with its own colour and legend entry.
    public var series: [Series]
    /// A title above the plot.
    public var title: String?
    /// The horizontal axis label.
    public var xLabel: String?
    /// The vertical axis label.
    public var yLabel: String?
    /// Whether the y axis is logarithmic (values ≤ 0 are left out).
    public var logY: Bool

    /// Creates a line chart.
    public init(
        series: [Series], title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
        logY: Bool = false
    ) {
        self.series = series
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logY = logY
    }
}

/// Labelled bars, one value each.
public struct BarChart: Sendable, Equatable, Codable {
    /// The bar labels.
    public var labels: [String]
    /// The bar values (`values.count == labels.count`).
    public var values: [Double]
    /// A title above the plot.
    public var title: String?
    /// The value axis label.
    public var yLabel: String?

    /// Creates a bar chart.
    public init(labels: [String], values: [Double], title: String? = nil, yLabel: String? = nil) {
        self.labels = labels
        self.values = values
        self.title = title
        self.yLabel = yLabel
    }
}

/// Several outputs laid out side by side, wrapping onto new rows as needed.
public struct Panels: Sendable, Equatable, Codable {
    /// The panels, in reading order.
    public var items: [RichOutput]
    /// A title above the group.
    public var title: String?

    /// Creates a group of panels.
    public init(_ items: [RichOutput], title: String? = nil) {
        self.items = items
        self.title = title
    }
}
