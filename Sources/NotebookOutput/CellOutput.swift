/// One piece of a cell's output, in the order the cell produced it.
public enum CellOutput: Sendable, Equatable, Codable {
    /// Text the cell wrote to standard output.
    case stdout(String)
    /// Text the cell wrote to standard error.
    case stderr(String)
    /// A value passed to `display(_:)`.
    case display(RichOutput)
    /// The value of the cell's last bare expression (Jupyter's `Out[n]`).
    case result(RichOutput)
    /// A progress report (training step, epoch, loss), shown live on the terminal and kept as the
    /// last value in the report.
    case progress(Progress)
}

/// A progress report from inside a running cell.
public struct Progress: Sendable, Equatable, Codable {
    /// What is progressing ("epoch", "step").
    public var label: String
    /// Steps done.
    public var completed: Int
    /// Steps in all, when known.
    public var total: Int?
    /// Named metrics at this point ("loss": 0.31).
    public var metrics: [String: Double]

    /// Creates a progress report.
    public init(label: String, completed: Int, total: Int? = nil, metrics: [String: Double] = [:]) {
        self.label = label
        self.completed = completed
        self.total = total
        self.metrics = metrics
    }
}
