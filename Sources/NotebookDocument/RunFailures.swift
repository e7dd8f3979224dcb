/// How many parts of a run failed unexpectedly: cells, and inline expressions of the prose.
/// Every page and the command line summarise a run with it, so that none of them says "ok"
/// about a run that failed (a failed inline expression fails the run as a failed cell does).
public struct RunFailures: Sendable, Equatable {
    /// Cells that failed unexpectedly.
    public var cells: Int
    /// Inline expressions that failed.
    public var inlineExpressions: Int

    /// The counts as given.
    public init(cells: Int = 0, inlineExpressions: Int = 0) {
        self.cells = cells
        self.inlineExpressions = inlineExpressions
    }

    /// The failures of `run`.
    public init(_ run: NotebookRun) {
        self.init(cells: run.failedCells.count, inlineExpressions: run.failedInlineExpressions.count)
    }

    /// Whether nothing failed.
    public var isEmpty: Bool { total == 0 }

    /// Cells and inline expressions together.
    public var total: Int { cells + inlineExpressions }

    /// What failed: `2 cells`, `1 inline expression`, `1 cell and 2 inline expressions`;
    /// empty when nothing did.
    public var description: String {
        let parts = [
            cells > 0 ? "\(cells) \(cells == 1 ? "cell" : "cells")" : nil,
            inlineExpressions > 0
                ? "\(inlineExpressions) inline \(inlineExpressions == 1 ? "expression" : "expressions")" : nil,
        ]
        return parts.compactMap { $0 }.joined(separator: " and ")
    }

    /// A heading for the list of failures: `A cell failed`, `An inline expression failed`,
    /// `2 cells and 1 inline expression failed`.
    public var headline: String {
        switch (cells, inlineExpressions) {
        case (1, 0): "A cell failed"
        case (0, 1): "An inline expression failed"
        default: "\(description) failed"
        }
    }
}
