/// Row gathers (embedding lookup) and their adjoint, the scatter-add of rows.
extension Tensor {
    /// Rows of this `[vocabulary, dim]` table picked by `indices`, shaped `indexShape + [dim]`
    /// (`indexShape` defaults to `[indices.count]`; e.g. `[batch, time]` token ids give
    /// `[batch, time, dim]`). Gradient: `scatterAddingRows` of g into a zero table.
    public func gatheringRows(
        _ indices: [Int], shape indexShape: [Int]? = nil, file: StaticString = #fileID, line: UInt = #line
    ) -> Tensor {
        if rank != 2 {
            shapeFailure("embedding: the table must be [vocabulary, dim], got shape \(shape)", file: file, line: line)
        }
        let outer = indexShape ?? [indices.count]
        if Shape.count(outer) != indices.count {
            shapeFailure(
                "embedding: index shape \(outer) does not hold \(indices.count) indices", file: file, line: line)
        }
        let (vocabulary, dim) = (shape[0], shape[1])
        if let bad = indices.firstIndex(where: { $0 < 0 || $0 >= vocabulary }) {
            shapeFailure(
                "embedding: index \(indices[bad]) at position \(bad) is outside 0..<\(vocabulary) (table \(shape))",
                file: file, line: line)
        }
        var y = Tensor(uninitializedShape: outer + [dim])
        let p = storage.pointer
        let q = y.storage.pointer
        for (i, row) in indices.enumerated() { (q + i &* dim).update(from: p + row &* dim, count: dim) }
        let tableShape = shape
        y.record(self) { g in Tensor.zeros(tableShape).scatterAddingRows(g, at: indices) }
        return y
    }

    /// A copy of this `[rows, dim]` tensor with row `indices[i]` increased by row i of
    /// `updates` (`[indices.count, dim]` or any shape with that many `dim`-long rows);
    /// repeated indices add up. Not differentiable (it is the gradient of `gatheringRows`).
    public func scatterAddingRows(
        _ updates: Tensor, at indices: [Int], file: StaticString = #fileID, line: UInt = #line
    ) -> Tensor {
        let dim = shape[rank - 1]
        if updates.count != indices.count * dim {
            shapeFailure(
                .shapeMismatch(
                    operation: "scatterAddingRows", shapes: [shape, updates.shape],
                    detail: "\(indices.count) rows of \(dim) expected"),
                file: file, line: line)
        }
        var y = detached
        y.makeUnique()
        let p = y.storage.pointer
        let q = updates.storage.pointer
        for (i, row) in indices.enumerated() {
            let dst = p + row &* dim
            let src = q + i &* dim
            for j in 0..<dim { dst[j] += src[j] }
        }
        return y
    }
}

/// Embedding lookup: rows of `table` `[vocabulary, dim]` for token `indices` laid out as
/// `shape` (default `[indices.count]`) → `shape + [dim]` (see `Tensor.gatheringRows`).
public func embedding(
    _ table: Tensor, _ indices: [Int], shape: [Int]? = nil,
    file: StaticString = #fileID, line: UInt = #line
) -> Tensor {
    table.gatheringRows(indices, shape: shape, file: file, line: line)
}
