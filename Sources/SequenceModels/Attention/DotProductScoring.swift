import Tensors

/// Luong's dot score: score(q, k) = qᵀk (needs dq = dk). No parameters.
/// `[batch, queries, d]`, `[batch, keys, d]` → `[batch, queries, keys]` (one batched GEMM).
public struct DotScoring: AttentionScoring {
    /// The parameter-free dot score.
    public init() {}
    /// None.
    public var namedParameters: [NamedParameter] { [] }
    /// Q·Kᵀ per batch element.
    public func scores(query: Tensor, keys: Tensor) -> Tensor {
        AttentionShapes.checkSameFeatures("dot attention score", query: query, keys: keys)
        return matmul(query, keys, transposeB: true)
    }
}

/// The Transformer's scaled dot score: score(q, k) = qᵀk / √d (needs dq = dk = d). No parameters.
/// `[batch, queries, d]`, `[batch, keys, d]` → `[batch, queries, keys]`.
public struct ScaledDotScoring: AttentionScoring {
    /// The parameter-free scaled dot score.
    public init() {}
    /// None.
    public var namedParameters: [NamedParameter] { [] }
    /// Q·Kᵀ / √d per batch element.
    public func scores(query: Tensor, keys: Tensor) -> Tensor {
        AttentionShapes.checkSameFeatures("scaled dot attention score", query: query, keys: keys)
        return matmul(query, keys, transposeB: true) * (1 / Float(query.shape[query.rank - 1]).squareRoot())
    }
}

/// Luong's general score: score(q, k) = qᵀ W k, W `[dq, dk]`, computed as (qW)·Kᵀ.
/// `[batch, queries, dq]`, `[batch, keys, dk]` → `[batch, queries, keys]`.
/// Parameter: `weight` W `[dq, dk]` (equals `nn.Linear(dk, dq, bias=False).weight`).
public struct GeneralScoring: AttentionScoring {
    /// W, shape `[dq, dk]`.
    public let weight: Parameter

    /// W ~ U(−1/√dk, 1/√dk).
    public init(queryDim: Int, keyDim: Int, rng: inout RandomGenerator) {
        let b = 1 / Float(keyDim).squareRoot()
        weight = Parameter(Tensor.randomUniform([queryDim, keyDim], in: -b..<b, using: &rng))
    }

    /// `weight`.
    public var namedParameters: [NamedParameter] { [NamedParameter("weight", weight)] }

    /// (Q W)·Kᵀ per batch element.
    public func scores(query: Tensor, keys: Tensor) -> Tensor {
        matmul(matmul(query, weight.value), keys, transposeB: true)
    }
}
