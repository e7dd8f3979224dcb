import Foundation
import NotebookDocument

/// One report listed on the index page.
public struct ReportIndexEntry: Sendable, Equatable {
    /// The notebook's title.
    public var title: String
    /// The report's path relative to the index page (`attention/bahdanau.html`).
    public var reportPath: String
    /// The notebook's path, as the user named it.
    public var notebookPath: String
    /// What failed unexpectedly (nothing: the run succeeded).
    public var failures: RunFailures
    /// When the run started.
    public var runDate: Date
    /// The run's wall-clock time in seconds.
    public var totalSeconds: Double
    /// Whether the outputs came from the cache.
    public var fromCache: Bool

    /// Creates an entry.
    public init(
        title: String, reportPath: String, notebookPath: String, failures: RunFailures, runDate: Date,
        totalSeconds: Double, fromCache: Bool
    ) {
        self.title = title
        self.reportPath = reportPath
        self.notebookPath = notebookPath
        self.failures = failures
        self.runDate = runDate
        self.totalSeconds = totalSeconds
        self.fromCache = fromCache
    }

    /// The entry for a notebook's run whose report is at `reportPath` (relative to the index).
    public init(notebook: Notebook, run: NotebookRun, reportPath: String) {
        self.init(
            title: notebook.title, reportPath: reportPath, notebookPath: notebook.path,
            failures: RunFailures(run), runDate: run.startedAt, totalSeconds: run.totalSeconds,
            fromCache: run.fromCache)
    }
}
