// The NotebookDocument module; see Package.swift.
