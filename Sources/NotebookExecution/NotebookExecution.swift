// The NotebookExecution module; see Package.swift.
