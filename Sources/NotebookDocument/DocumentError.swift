/// A notebook that cannot be read or is invalid: what is wrong, where, and what to do.
public struct DocumentError: NotebookError, Equatable {
    /// Where the problem is (line 0 when it concerns the whole file).
    public var location: SourceLocation?
    /// What is wrong.
    public var message: String
    /// What the user can do about it.
    public var hint: String?

    /// Creates an error.
    public init(file: String, line: Int, message: String, hint: String? = nil) {
        self.location = SourceLocation(file: file, line: line)
        self.message = message
        self.hint = hint
    }
}
