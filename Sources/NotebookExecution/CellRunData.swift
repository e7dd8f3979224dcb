import NotebookDocument
import NotebookOutput

/// What the running program said about one cell.
struct CellRunData {
    var started: Bool
    var status: CellStatus
    var outputs: [CellOutput]
    var seconds: Double?
    /// The values of the inline expressions this cell's part of the program evaluated.
    var inlineResults: [Int: InlineResult] = [:]
}
