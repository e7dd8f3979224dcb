/// Leave-one-out importance of each input position: how far the output distribution moves
/// when that position is removed from the input,
///
///     LOOᵢ = TVD(p(· | x), p(· | x without position i))
///
/// (Jain & Wallace 2019 compare attention with it; TVD is `totalVariationDistance`).
///
/// - Parameters:
///   - full: the output distribution for the whole input.
///   - withoutEachPosition: row i is the output distribution with position i removed.
/// - Returns: one importance in [0, 1] per position.
public func leaveOneOutImportance(full: [Double], withoutEachPosition: [[Double]]) -> [Double] {
    withoutEachPosition.map { totalVariationDistance(full, $0) }
}

/// Every sequence of `ids` with one position removed, as padded rows `[ids.count, ids.count − 1]`
/// (row i lacks position i), flattened row-major: the batch a model reads to compute
/// leave-one-out importance in one pass.
public func leaveOneOutRows(_ ids: [Int]) -> [Int] {
    ids.indices.flatMap { removed in ids.indices.filter { $0 != removed }.map { ids[$0] } }
}
