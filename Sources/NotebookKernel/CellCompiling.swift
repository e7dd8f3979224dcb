/// Which process compiles each cell of a ``CellEngine``.
public enum CellCompiling: Sendable, Equatable {
    /// The long-lived `notebook-cell-compiler` (the toolchain's in-process SourceKit), started once
    /// and again after a cell's compile was stopped.
    case resident(helper: String)
    /// A new compiler process for every cell (`swift-frontend`, or `swiftc` with the driver's
    /// tools; ~0.08 s more a cell); `reason` says why (asked for, or what failed in starting or
    /// using the resident compiler).
    case process(reason: String)
}
