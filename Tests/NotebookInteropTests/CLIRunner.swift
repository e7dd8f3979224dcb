import NotebookTestSupport

/// The built `notebook`, run as a user would (NotebookTestSupport).
typealias CLI = NotebookBinary
