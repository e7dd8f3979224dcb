import NotebookDocument

/// One run of a parameter sweep: the value, what the run did and where its report is.
public struct SweepVariant: Sendable {
    /// The parameter value, as typed (`dot`).
    public var value: String
    /// The run, or nil when the notebook could not run with this value.
    public var run: NotebookRun?
    /// The link to this value's report, relative to the comparison page (nil: no report).
    public var reportLink: String?
    /// Why there is no run (a parameter of the wrong type, an unwritable report).
    public var problem: String?

    /// Creates a variant.
    public init(value: String, run: NotebookRun?, reportLink: String?, problem: String? = nil) {
        self.value = value
        self.run = run
        self.reportLink = reportLink
        self.problem = problem
    }
}
