import Foundation
import NotebookOutput

/// Everything one run of a notebook produced: per-cell outputs and status, timings, and the
/// parameter values it ran with. Stored in the cache and rendered by the report.
public struct NotebookRun: Sendable, Equatable, Codable {
    /// The notebook's path.
    public var notebookPath: String
    /// When the run started.
    public var startedAt: Date
    /// Wall-clock time of the whole run, in seconds (compile included).
    public var totalSeconds: Double
    /// Time spent compiling, in seconds (0 on a cache hit).
    public var compileSeconds: Double
    /// One entry per code block of the notebook, in document order (``CellRun/ordinal`` matches
    /// ``CodeCell/ordinal``).
    public var cells: [CellRun]
    /// The parameter values the cells saw.
    public var parameters: [Parameter]
    /// Whether the outputs came from the cache instead of a new run.
    public var fromCache: Bool
    /// What each inline expression of the prose showed, by ``InlineExpression/index``.
    public var inlineResults: [Int: InlineResult]

    /// Creates a run record.
    public init(
        notebookPath: String, startedAt: Date, totalSeconds: Double, compileSeconds: Double, cells: [CellRun],
        parameters: [Parameter], fromCache: Bool = false, inlineResults: [Int: InlineResult] = [:]
    ) {
        self.notebookPath = notebookPath
        self.startedAt = startedAt
        self.totalSeconds = totalSeconds
        self.compileSeconds = compileSeconds
        self.cells = cells
        self.parameters = parameters
        self.fromCache = fromCache
        self.inlineResults = inlineResults
    }

    /// The cells that failed unexpectedly, in order.
    public var failedCells: [CellRun] {
        cells.filter { if case .failed = $0.status { true } else { false } }
    }

    /// The inline expressions that failed, by index, in document order.
    public var failedInlineExpressions: [(index: Int, failure: CellFailure)] {
        inlineResults.compactMap { index, result in
            if case .failed(let failure) = result { (index, failure) } else { nil }
        }.sorted { $0.index < $1.index }
    }

    /// The text of every inline expression that showed a value, by index.
    public var inlineValueTexts: [Int: String] {
        inlineResults.compactMapValues { if case .value(let text) = $0 { text } else { nil } }
    }

    /// Whether every cell that should run ran without an unexpected failure, and every inline
    /// expression of the prose showed its value.
    public var succeeded: Bool { failedCells.isEmpty && failedInlineExpressions.isEmpty }

    /// The cell run for a code cell's ordinal.
    public func cell(ordinal: Int) -> CellRun? {
        cells.first { $0.ordinal == ordinal }
    }
}

/// What an inline expression of the prose (`` `{swift} expr` ``) showed.
public enum InlineResult: Sendable, Equatable, Codable {
    /// Its value, as text (formatted as a cell's last value is).
    case value(String)
    /// It did not compile, threw, or crashed; the location is its line in the prose.
    case failed(CellFailure)
    /// It was not evaluated because the run stopped before it.
    case notRun(reason: String)
}

/// What happened to one code cell.
public struct CellRun: Sendable, Equatable, Codable {
    /// The code cell's position among the notebook's code blocks (``CodeCell/ordinal``).
    public var ordinal: Int
    /// Jupyter's execution count: 1 for the first cell that ran, 2 for the next, ...
    public var executionCount: Int?
    /// How the cell ended.
    public var status: CellStatus
    /// What the cell printed and displayed, in order.
    public var outputs: [CellOutput]
    /// How long the cell ran, in seconds (nil when it did not run).
    public var seconds: Double?
    /// Compiler warnings and errors that point into this cell.
    public var diagnostics: [Diagnostic]

    /// Creates a cell run.
    public init(
        ordinal: Int, executionCount: Int? = nil, status: CellStatus, outputs: [CellOutput] = [],
        seconds: Double? = nil, diagnostics: [Diagnostic] = []
    ) {
        self.ordinal = ordinal
        self.executionCount = executionCount
        self.status = status
        self.outputs = outputs
        self.seconds = seconds
        self.diagnostics = diagnostics
    }
}

/// How a cell ended.
public enum CellStatus: Sendable, Equatable, Codable {
    /// It ran to the end.
    case succeeded
    /// It failed, and failure was not expected: the run fails.
    case failed(CellFailure)
    /// It failed as its `error: true` option said it may: shown, but the run goes on.
    case expectedFailure(CellFailure)
    /// It did not run because an earlier cell failed (the reason says which).
    case notRun(reason: String)
    /// It is not meant to run (`eval: false`, or not a Swift cell).
    case skipped
}

/// Why a cell failed.
public struct CellFailure: Sendable, Equatable, Codable {
    /// The kind of failure.
    public enum Kind: String, Sendable, Equatable, Codable {
        /// The cell does not compile.
        case compileError = "compile error"
        /// The process crashed in the cell (trap, fatalError, nil unwrap, signal).
        case crash
        /// The cell ran past its time limit and was stopped.
        case timeout
        /// The cell threw a Swift error that it did not catch.
        case uncaughtError = "uncaught error"
        /// The cell ran out of its memory limit.
        case memoryLimit = "memory limit"
        /// The cell recursed too deeply (its thread's stack ran out).
        case stackOverflow = "stack overflow"
        /// The cell started more processes or threads than the process limit allows.
        case processLimit = "process limit"
        /// The process wrote runner records the program does not allow (they were ignored).
        case invalidRecord = "invalid record"
    }

    /// The kind of failure.
    public var kind: Kind
    /// The message, as the user should read it.
    public var message: String
    /// Where in the Markdown it happened, when known.
    public var location: SourceLocation?

    /// Creates a failure.
    public init(kind: Kind, message: String, location: SourceLocation? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
    }
}

/// A compiler message mapped to the Markdown source.
public struct Diagnostic: Sendable, Equatable, Codable, CustomStringConvertible {
    /// How serious the message is.
    public enum Severity: String, Sendable, Equatable, Codable {
        case error, warning, note
    }

    /// How serious the message is.
    public var severity: Severity
    /// The compiler's message.
    public var message: String
    /// Where it points, when it points into the notebook.
    public var location: SourceLocation?
    /// Notes attached to the message (for example "'x' previously declared here").
    public var notes: [Diagnostic]

    /// Creates a diagnostic.
    public init(severity: Severity, message: String, location: SourceLocation? = nil, notes: [Diagnostic] = []) {
        self.severity = severity
        self.message = message
        self.location = location
        self.notes = notes
    }

    /// `file:line:column: severity: message`, the form editors jump to.
    public var description: String {
        let place = location.map { "\($0): " } ?? ""
        return "\(place)\(severity.rawValue): \(message)"
    }
}
