/// Leave-one-out importance of each input position: how far the output distribution moves
/// when that position is removed from the input,
///
///     LOOᵢ = TVD(f(x), f(x without position i))
///
/// (Jain & Wallace 2019 compare attention with it; TVD is `totalVariationDistance`).
///
/// - Parameters:
///   - positions: the number of input positions n.
///   - output: the model's output distribution for the whole input (`nil`) or with position
///     i removed (`i`); it is called n + 1 times.
/// - Returns: n importances in [0, 1], one per position.
public func leaveOneOutImportance(positions: Int, output: (_ removed: Int?) -> [Double]) -> [Double] {
    let full = output(nil)
    return (0..<positions).map { totalVariationDistance(full, output($0)) }
}
