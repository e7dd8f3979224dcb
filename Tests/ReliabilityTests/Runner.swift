import NotebookTestSupport

/// The built `notebook`, run and watched as a user would (NotebookTestSupport).
typealias Runner = NotebookBinary
