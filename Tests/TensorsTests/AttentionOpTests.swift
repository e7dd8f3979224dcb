import Tensors
import Testing

/// The fused `multiHeadAttention` op: finite-difference gradients, and values and gradients equal
/// to the composition it replaces (split heads, matmul, scale, masked softmax, matmul, merge).
@Suite struct AttentionOpTests {
    /// The composed reference: query `[b, tq, h·d]` etc. → (context `[b, tq, h·dv]`, weights).
    static func composed(_ q: Tensor, _ k: Tensor, _ v: Tensor, heads: Int, mask: Tensor?) -> (Tensor, Tensor) {
        func split(_ x: Tensor) -> Tensor {
            x.reshaped(to: [x.shape[0], x.shape[1], heads, x.shape[2] / heads]).permuted([0, 2, 1, 3])
        }
        let d = q.shape[2] / heads
        var scores = matmul(split(q), split(k), transposeB: true) * (1 / Float(d).squareRoot())
        var weights: Tensor
        if let mask {
            let m4 = mask.rank == 3 ? mask.expandingShape(at: 1) : mask
            scores = scores.maskedFill(where: m4, with: -1e9)
            weights = scores.softmax().maskedFill(where: m4, with: 0)
        } else {
            weights = scores.softmax()
        }
        let context = matmul(weights, split(v)).permuted([0, 2, 1, 3])
        return (context.reshaped(to: [q.shape[0], q.shape[1], v.shape[2]]), weights)
    }

    /// Padding of the last key of batch element 1 (rank 3), and every key of its first query.
    static let paddingMask = Tensor(shape: [2, 1, 4], scalars: [0, 0, 0, 0, 0, 0, 0, 1])
    static let allHiddenRow = Tensor(shape: [2, 3, 4], scalars: (0..<24).map { $0 >= 12 && $0 < 16 ? 1 : 0 })

    @Test func gradientsMatchFiniteDifferences() {
        let q = Check.random([2, 3, 4], seed: 31)
        let k = Check.random([2, 4, 4], seed: 32)
        let v = Check.random([2, 4, 6], seed: 33)
        for mask in [nil, Self.paddingMask, Tensor.causalMask(4).slice(axis: 0, 0..<3), Self.allHiddenRow] {
            Check.gradients([q, k, v]) { xs in
                multiHeadAttention(query: xs[0], keys: xs[1], values: xs[2], heads: 2, mask: mask).context
            }
        }
        Check.gradients([q, k, v]) { xs in
            multiHeadAttention(query: xs[0], keys: xs[1], values: xs[2], heads: 1, scale: 0.7).context
        }
    }

    @Test func equalsTheComposition() {
        let q = Check.random([2, 3, 4], seed: 34)
        let k = Check.random([2, 4, 4], seed: 35)
        let v = Check.random([2, 4, 6], seed: 36)
        for mask in [nil, Self.paddingMask, Self.allHiddenRow] {
            let fused = multiHeadAttention(query: q, keys: k, values: v, heads: 2, mask: mask)
            let reference = Self.composed(q, k, v, heads: 2, mask: mask)
            Check.close(fused.context.scalars, reference.0.scalars, tolerance: 1e-5)
            Check.close(fused.weights.scalars, reference.1.scalars, tolerance: 1e-5)
            #expect(fused.weights.shape == [2, 2, 3, 4])
        }
    }

    /// Large enough (≥ 2¹⁸ multiply-adds) to be split across threads when there are two.
    @Test func largeCaseMatchesTheCompositionWithGradients() {
        let q = Check.random([8, 32, 64], seed: 37)
        let k = Check.random([8, 32, 64], seed: 38)
        let v = Check.random([8, 32, 64], seed: 39)
        let mask = Tensor.causalMask(32)
        let parameters = [q, k, v].map { Parameter($0) }
        let weights = Check.random([8, 32, 64], seed: 40)
        let (fusedLoss, fusedGradients) = valueWithGradient(at: parameters) {
            (multiHeadAttention(
                query: parameters[0].value, keys: parameters[1].value, values: parameters[2].value,
                heads: 4, mask: mask
            ).context * weights).sum()
        }
        let (referenceLoss, referenceGradients) = valueWithGradient(at: parameters) {
            (Self.composed(parameters[0].value, parameters[1].value, parameters[2].value, heads: 4, mask: mask).0
                * weights).sum()
        }
        Check.close([fusedLoss.item()], [referenceLoss.item()], tolerance: 1e-4)
        for (fused, reference) in zip(fusedGradients, referenceGradients) {
            Check.close(fused.scalars, reference.scalars, tolerance: 1e-4)
        }
    }

    /// Key counts around the kernel's 8-key vectors (1, 7, 8, 9, 13, 17), d_k ≠ d_v, more queries
    /// than keys and an odd number of (batch, head) units; values and gradients against the
    /// composition, with a padding mask that hides a different number of keys per batch element.
    @Test(arguments: [1, 7, 8, 9, 13, 17])
    func oddKeyCountsMatchTheComposition(keys: Int) {
        let (batch, heads, queries) = (3, 3, 11)
        let q = Check.random([batch, queries, heads * 5], seed: 60)
        let k = Check.random([batch, keys, heads * 5], seed: 61)
        let v = Check.random([batch, keys, heads * 7], seed: 62)
        let hidden = (0..<batch * keys).map { Float($0 % keys >= keys - $0 / keys ? 1 : 0) }
        let padding = Tensor(shape: [batch, 1, keys], scalars: hidden)
        let weights = Check.random([batch, queries, heads * 7], seed: 63)
        for mask in [nil, padding] {
            Self.expectFusedMatchesComposition(q, k, v, heads: heads, mask: mask, weights: weights)
        }
    }

    /// The fused attention's context, weights and gradients (of `sum(context * weights)`) equal
    /// those of the composition of separate ops.
    static func expectFusedMatchesComposition(
        _ q: Tensor, _ k: Tensor, _ v: Tensor, heads: Int, mask: Tensor?, weights: Tensor
    ) {
        let fused = multiHeadAttention(query: q, keys: k, values: v, heads: heads, mask: mask)
        let reference = Self.composed(q, k, v, heads: heads, mask: mask)
        Check.close(fused.context.scalars, reference.0.scalars, tolerance: 1e-5)
        Check.close(fused.weights.scalars, reference.1.scalars, tolerance: 1e-5)
        let parameters = [q, k, v].map { Parameter($0) }
        let (_, fusedGradients) = valueWithGradient(at: parameters) {
            (multiHeadAttention(
                query: parameters[0].value, keys: parameters[1].value, values: parameters[2].value,
                heads: heads, mask: mask
            ).context * weights).sum()
        }
        let (_, referenceGradients) = valueWithGradient(at: parameters) {
            (Self.composed(parameters[0].value, parameters[1].value, parameters[2].value, heads: heads, mask: mask)
                .0 * weights).sum()
        }
        for (f, r) in zip(fusedGradients, referenceGradients) { Check.close(f.scalars, r.scalars, tolerance: 1e-4) }
    }

    /// A rank-4 mask that differs per head (one query of head 1 sees nothing), 4 + 3 queries
    /// (a 4-row register block and single rows), keys past one 16-lane vector, d_k = 11 and
    /// d_v = 24 (the 8-, 16-column and single-column paths of the products); values and gradients
    /// against the composition.
    @Test func perHeadMaskAndWideHeadsMatchTheComposition() {
        let (batch, heads, queries, keys) = (2, 2, 7, 19)
        let q = Check.random([batch, queries, heads * 11], seed: 70)
        let k = Check.random([batch, keys, heads * 11], seed: 71)
        let v = Check.random([batch, keys, heads * 24], seed: 72)
        let hidden = (0..<batch * heads * queries * keys).map { index -> Float in
            let (j, i, h) = (index % keys, index / keys % queries, index / (keys * queries) % heads)
            return (h == 1 && i == 2) || (j + i + h) % 5 == 0 ? 1 : 0
        }
        let mask = Tensor(shape: [batch, heads, queries, keys], scalars: hidden)
        let weights = Check.random([batch, queries, heads * 24], seed: 73)
        Self.expectFusedMatchesComposition(q, k, v, heads: heads, mask: mask, weights: weights)
    }
}
