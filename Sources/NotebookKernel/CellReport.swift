import NotebookDocument

/// How one cell's execution ended, and what it cost.
public struct CellReport: Sendable {
    /// How the cell ended.
    public enum Status: Sendable, Equatable {
        /// It ran to its end; its state is kept.
        case succeeded
        /// It did not compile (see ``CellReport/diagnostics``); nothing ran.
        case compileFailed
        /// Its process ended early: a trap (`signal`) or `exit` (`exitCode`). The state is that
        /// of before the cell.
        case crashed(signal: Int32?, exitCode: Int32?)
        /// Its stack overflowed (a recursion without end, or too large a value on the stack);
        /// the state is that of before the cell.
        case stackOverflow
        /// ``CellEngine/interrupt()`` stopped it; the state is that of before the cell.
        case interrupted
        /// It ran past its time limit and was stopped; the state is that of before the cell.
        case timedOut
        /// The host could not load it or is gone (see ``CellReport/message``).
        case failed
    }

    /// How the cell ended.
    public var status: Status
    /// Compiler diagnostics (errors and warnings), mapped to the notebook's lines.
    public var diagnostics: [Diagnostic]
    /// A readable account of a failure (empty on success).
    public var message: String
    /// The cell's position in the engine's history (1-based), when it succeeded.
    public var position: Int?
    /// Seconds spent compiling, linking and running.
    public var compileSeconds: Double
    public var linkSeconds: Double
    public var runSeconds: Double

    /// Whether the cell ran to its end.
    public var succeeded: Bool { status == .succeeded }
}
