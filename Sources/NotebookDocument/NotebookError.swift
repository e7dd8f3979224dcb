/// An error a user reads: what happened, where, what to do about it, and what caused it.
///
/// Every error the runner shows adopts this protocol, so messages have one form,
/// `file:line: error: message (hint)`, the form compilers use and editors jump to, and no
/// message says "error:" twice.
public protocol NotebookError: Error, Sendable, CustomStringConvertible {
    /// Where it happened: a file, and a line when known (line 0: the whole file); nil when the
    /// error concerns no file (a missing compiler).
    var location: SourceLocation? { get }
    /// What happened, without a location or an `error:` prefix.
    var message: String { get }
    /// What the user can do about it, when there is something to say.
    var hint: String? { get }
    /// The lower-level error that caused this one, when there is one.
    var underlyingError: (any Error)? { get }
}

extension NotebookError {
    /// No hint.
    public var hint: String? { nil }
    /// No underlying error.
    public var underlyingError: (any Error)? { nil }

    /// `file:line: error: message (hint)`; the location is left out when there is none.
    public var description: String {
        let place = location.map { $0.line > 0 ? "\($0): " : "\($0.file): " } ?? ""
        let suffix = hint.map { " (\($0))" } ?? ""
        return "\(place)error: \(message)\(suffix)"
    }
}
