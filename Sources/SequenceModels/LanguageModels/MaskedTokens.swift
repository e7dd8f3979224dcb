import Tensors

/// The inputs and targets of one masked-language-modelling batch.
public struct MaskedTokens: Equatable {
    /// The corrupted tokens fed to the model (same layout as the originals).
    public var inputs: [Int]
    /// The original token where a position was selected for prediction, `ignoreIndex` elsewhere
    /// (pass to `crossEntropy(logits:labels:ignoreIndex:)`).
    public var labels: [Int]
    /// The indices of the selected positions.
    public var selected: [Int]
}

/// BERT's masking procedure (Devlin et al. 2019): each position that is not a special token
/// (padding, CLS, SEP, … listed in `specialTokens`) is selected with probability `probability`;
/// a selected position is replaced by `maskToken` 80% of the time, by a random token from
/// `randomTokens` 10% of the time and left unchanged 10% of the time, and its label is the
/// original token. Unselected positions get the label `ignoreIndex`.
///
/// `tokens` is any row-major layout (e.g. `[batch·time]`); the draws come from `rng`, so the
/// same seed gives the same corruption.
public func maskTokens(
    _ tokens: [Int], maskToken: Int, randomTokens: Range<Int>, specialTokens: Set<Int>,
    probability: Float = 0.15, ignoreIndex: Int = -100, rng: inout RandomGenerator
) -> MaskedTokens {
    requireArgument(!randomTokens.isEmpty, "maskTokens: randomTokens must not be empty")
    var inputs = tokens
    var labels = [Int](repeating: ignoreIndex, count: tokens.count)
    var selected: [Int] = []
    for (i, token) in tokens.enumerated() where !specialTokens.contains(token) {
        guard rng.nextUniform() < probability else { continue }
        selected.append(i)
        labels[i] = token
        let r = rng.nextUniform()
        if r < 0.8 {
            inputs[i] = maskToken
        } else if r < 0.9 {
            inputs[i] = Int.random(in: randomTokens, using: &rng)
        }
    }
    return MaskedTokens(inputs: inputs, labels: labels, selected: selected)
}
