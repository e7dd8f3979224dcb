// The Tensors module; see Package.swift.
