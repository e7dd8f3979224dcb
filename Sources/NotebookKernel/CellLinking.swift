/// How a ``CellEngine`` links each cell's object file into the shared library its host loads.
public enum CellLinking: Sendable, Equatable {
    /// The linker runs directly, with the command the compiler driver would run (derived once
    /// per engine from `swiftc -###` and `clang -###`) and the cell object's autolink entries.
    case direct(linker: String)
    /// Every cell links through `swiftc -emit-library` (~0.15 s slower a cell); `reason` says why
    /// (asked for, or what failed in deriving or using the direct command).
    case driver(reason: String)
}
