// The SequenceModels module; see Package.swift.
