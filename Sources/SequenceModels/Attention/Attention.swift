import Tensors

/// Single-head attention around any score function:
///
/// a = softmax(mask(score(q, K))) over the keys, context = Σⱼ aⱼ vⱼ.
///
/// query `[batch, queries, dq]` (or `[batch, dq]`, one query per row), keys `[batch, keys, dk]`,
/// values `[batch, keys, dv]` → context `[batch, queries, dv]` and weights `[batch, queries, keys]`
/// (both without the queries axis for a rank-2 query). Parameters: `scoring.*`.
public struct Attention: AttentionMechanism {
    /// The score function (swap it to change the variant).
    public let scoring: any AttentionScoring

    /// Attention with the given score function.
    public init(_ scoring: any AttentionScoring) {
        self.scoring = scoring
    }

    /// `scoring.*` (none for the parameter-free dot and scaled-dot scores).
    public var namedParameters: [NamedParameter] { scoring.namedParameters(prefix: "scoring") }

    /// The context has the values' size.
    public func outputDimension(valueDimension: Int) -> Int { valueDimension }

    /// See the type's formula; `mask` (1 = hidden) broadcasts to `[batch, queries, keys]`.
    public func callAsFunction(query: Tensor, keys: Tensor, values: Tensor, mask: Tensor?) -> AttentionOutput {
        AttentionShapes.check("Attention", query: query, keys: keys, values: values)
        let single = query.rank == 2
        let q = single ? query.expandingShape(at: 1) : query
        let weights = maskedSoftmax(scoring.scores(query: q, keys: keys), mask: mask)
        let context = matmul(weights, values)
        if single {
            return AttentionOutput(context: context.squeezingShape(at: [1]), weights: weights.squeezingShape(at: [1]))
        }
        return AttentionOutput(context: context, weights: weights)
    }
}
