import Tensors

/// Uniform attention over each row's real positions, the baseline of Wiegreffe & Pinter (2019):
///
///     αᵦⱼ = 1 / Lᵦ for j < Lᵦ, 0 at padding        `[lengths.count, positions]`
///
/// If a model does as well with these weights as with its learned ones, its attention is not
/// needed for the task, whatever the learned weights look like.
public func uniformAttention(lengths: [Int], positions: Int) -> Tensor {
    var weights = [Float](repeating: 0, count: lengths.count * positions)
    for (row, length) in lengths.enumerated() where length > 0 {
        for j in 0..<Swift.min(length, positions) { weights[row * positions + j] = 1 / Float(length) }
    }
    return Tensor(shape: [lengths.count, positions], scalars: weights)
}

extension Seq2Seq {
    /// Greedy outputs (as `greedyDecode(_:maxLength:)`) with every decoding step's attention
    /// replaced by `uniformAttention` over the row's source tokens.
    public func greedyDecodeWithUniformAttention(_ batch: SequenceBatch, maxLength: Int) -> [[Int]] {
        let uniform = uniformAttention(lengths: batch.sourceLengths, positions: batch.sourceLength)
        return greedyDecode(memory: encode(batch), maxLength: maxLength, reweight: { _ in uniform }).tokens
    }
}
