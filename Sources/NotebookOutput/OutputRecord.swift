/// A control record in the notebook process's output stream.
///
/// The notebook process writes its printed text straight to standard output and standard error.
/// Between that text the runtime writes framed records (see ``RecordFraming``) that mark cell
/// boundaries and carry rich values, so the runner can split the stream per cell, in order.
public enum OutputRecord: Sendable, Equatable, Codable {
    /// Cell `index` (0-based among the program's cells) starts.
    case cellStarted(index: Int)
    /// Cell `index` finished normally after `seconds`.
    case cellFinished(index: Int, seconds: Double)
    /// Cell `index` ended with an error that was caught (a thrown Swift error in a cell that
    /// expects failure, or a runtime error reported by the library).
    case cellFailed(index: Int, seconds: Double, message: String)
    /// A rich value from `display(_:)`.
    case display(RichOutput)
    /// The value of a cell's last bare expression.
    case result(RichOutput)
    /// Progress inside the current cell.
    case progress(Progress)
    /// The value of the prose's inline expression `index` (``InlineExpression``'s index), as text.
    case inlineValue(index: Int, text: String)
    /// The prose's inline expression `index` threw an error.
    case inlineFailed(index: Int, message: String)
}
