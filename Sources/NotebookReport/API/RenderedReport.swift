import NotebookDocument

/// A rendered report: one self-contained HTML5 page, and what the user should know about it.
public struct RenderedReport: Sendable, Equatable {
    /// The page. It needs no other file and makes no network request (except for remote images
    /// the notes link to).
    public var html: String
    /// Problems found while rendering (a missing image, …), in document order.
    public var warnings: [ReportWarning]

    /// Creates a rendered report.
    public init(html: String, warnings: [ReportWarning]) {
        self.html = html
        self.warnings = warnings
    }
}

/// A problem found while rendering a report: where, and what.
public struct ReportWarning: Sendable, Equatable, CustomStringConvertible {
    /// Where in the notebook (line 0 when unknown).
    public var location: SourceLocation
    /// What is wrong and, where it helps, what to do.
    public var message: String

    /// Creates a warning.
    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }

    /// `file:line: warning: message`, the form editors jump to.
    public var description: String {
        let place = location.line > 0 ? location.description : location.file
        return "\(place): warning: \(message)"
    }
}
