// The NotebookReport module; see Package.swift.
