// The NotebookRuntime module; see Package.swift.
