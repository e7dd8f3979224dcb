import NotebookDocument

/// Where the program evaluates each inline expression of the prose: after the code of the last
/// runnable cell above it, or, when no cell runs above it, before the code of the first runnable
/// cell (it then sees the parameters only).
struct InlineExpressionPlacement {
    /// Expressions evaluated after a cell's code, by cell ordinal.
    var after: [Int: [InlineExpression]] = [:]
    /// Expressions evaluated before a cell's code, by cell ordinal.
    var before: [Int: [InlineExpression]] = [:]
    /// Expressions no cell evaluates (the notebook has no runnable cell).
    var unplaced: [InlineExpression] = []

    init(_ notebook: Notebook, leavingOut left: Set<Int> = []) {
        let firstRunnable = notebook.runnableCells.first?.ordinal
        var cellAbove: Int?
        for block in notebook.blocks {
            switch block {
            case .code(let cell):
                if cell.isSwift, cell.options.eval { cellAbove = cell.ordinal }
            case .prose(let prose):
                for expression in prose.inlineExpressions where !left.contains(expression.index) {
                    if let cellAbove {
                        after[cellAbove, default: []].append(expression)
                    } else if let firstRunnable {
                        before[firstRunnable, default: []].append(expression)
                    } else {
                        unplaced.append(expression)
                    }
                }
            }
        }
    }
}
