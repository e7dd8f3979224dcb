import Tensors

/// Masks for attention scores: 1 marks a position a query must NOT attend to, 0 a visible one.
/// They broadcast against scores `[batch, queries, keys]` (and `[batch, heads, queries, keys]`).
public enum AttentionMask {
    /// Hides the padding keys of each row: `[batch, 1, keyCount]`, 1 where key j ≥ `keyLengths[b]`.
    public static func padding(keyLengths: [Int], keyCount: Int) -> Tensor {
        var m = [Float](repeating: 0, count: keyLengths.count * keyCount)
        for (b, n) in keyLengths.enumerated() {
            for j in Swift.min(Swift.max(n, 0), keyCount)..<keyCount { m[b * keyCount + j] = 1 }
        }
        return Tensor(shape: [keyLengths.count, 1, keyCount], scalars: m)
    }

    /// Hides the future: `[queryCount, keyCount]`, 1 where key j > i + `offset` (query i sits at
    /// absolute position i + offset, e.g. `offset` = the number of cached keys when decoding).
    public static func causal(queryCount: Int, keyCount: Int, offset: Int = 0) -> Tensor {
        var m = [Float](repeating: 0, count: queryCount * keyCount)
        for i in 0..<queryCount {
            for j in 0..<keyCount where j > i + offset { m[i * keyCount + j] = 1 }
        }
        return Tensor(shape: [queryCount, keyCount], scalars: m)
    }

    /// The union of two masks (hidden where either hides), broadcast together; nil-tolerant.
    public static func combine(_ a: Tensor?, _ b: Tensor?) -> Tensor? {
        guard let a else { return b }
        guard let b else { return a }
        return (a + b) .> 0
    }
}

/// softmax over the last axis with masked positions (mask ≠ 0, broadcast to `scores`) excluded:
/// scores there are set to −1e9 before the softmax and the weights to exactly 0 after it
/// (the vectorised exp leaves ~1e-38 rather than 0). `[..., keys]` → `[..., keys]`, rows sum to 1.
/// (A row whose keys are all masked comes out all zero; give every row at least one key.)
public func maskedSoftmax(_ scores: Tensor, mask: Tensor?) -> Tensor {
    guard let mask else { return scores.softmax(axis: -1) }
    return scores.maskedFill(where: mask, with: -1e9).softmax(axis: -1).maskedFill(where: mask, with: 0)
}
