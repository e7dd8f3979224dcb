import NotebookOutput

/// Something a running cell produced, in the order it produced it.
public enum CellEvent: Sendable, Equatable {
    /// Text the cell printed on standard output.
    case standardOutput(String)
    /// Text the cell wrote on standard error (a trap's message among it).
    case standardError(String)
    /// A rich output: `display(_:)`, the last expression's value (`.result`), progress.
    case output(OutputRecord)
    /// A message from the engine itself (a dropped snapshot, for example).
    case notice(String)
}
