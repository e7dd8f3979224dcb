import Tensors

/// Bahdanau's additive score: score(q, k) = vᵀ tanh(W₁k + W₂q + b).
///
/// `[batch, queries, dq]`, `[batch, keys, dk]` → `[batch, queries, keys]`. Keys and queries are
/// projected once each, then broadcast to `[batch, queries, keys, hidden]`.
/// Parameters: `key_proj.weight` W₁ `[hidden, dk]`, `query_proj.weight` W₂ `[hidden, dq]`,
/// `query_proj.bias` b `[hidden]`, `v.weight` `[1, hidden]`.
public struct AdditiveScoring: AttentionScoring {
    /// W₁ (no bias).
    public let keyProjection: Linear
    /// W₂ and b.
    public let queryProjection: Linear
    /// v as a `[1, hidden]` linear map without bias.
    public let v: Linear

    /// Fresh parameters with PyTorch's `nn.Linear` initialisation.
    public init(queryDim: Int, keyDim: Int, hidden: Int, rng: inout RandomGenerator) {
        keyProjection = Linear(keyDim, hidden, bias: false, rng: &rng)
        queryProjection = Linear(queryDim, hidden, rng: &rng)
        v = Linear(hidden, 1, bias: false, rng: &rng)
    }

    /// `key_proj.*`, `query_proj.*`, `v.*`.
    public var namedParameters: [NamedParameter] {
        keyProjection.namedParameters(prefix: "key_proj") + queryProjection.namedParameters(prefix: "query_proj")
            + v.namedParameters(prefix: "v")
    }

    /// vᵀ tanh(W₁k + W₂q + b) for every (query, key) pair.
    public func scores(query: Tensor, keys: Tensor) -> Tensor {
        let k = keyProjection(keys).expandingShape(at: 1)  // [b, 1, tk, h]
        let q = queryProjection(query).expandingShape(at: 2)  // [b, tq, 1, h]
        return v((k + q).tanh()).squeezingShape(at: [3])
    }
}

/// Luong's concat score: score(q, k) = vᵀ tanh(W [q; k]), W `[hidden, dq + dk]`, no bias.
///
/// Computed without building every concatenation: W[q; k] = W_q q + W_k k with W = [W_q W_k].
/// `[batch, queries, dq]`, `[batch, keys, dk]` → `[batch, queries, keys]`.
/// Parameters: `weight` W `[hidden, dq + dk]`, `v.weight` `[1, hidden]`.
public struct ConcatScoring: AttentionScoring {
    /// W, shape `[hidden, dq + dk]` (query columns first).
    public let weight: Parameter
    /// v as a `[1, hidden]` linear map without bias.
    public let v: Linear
    /// dq (where W's key columns start).
    public let queryDim: Int

    /// Fresh parameters with PyTorch's `nn.Linear` initialisation.
    public init(queryDim: Int, keyDim: Int, hidden: Int, rng: inout RandomGenerator) {
        let b = 1 / Float(queryDim + keyDim).squareRoot()
        weight = Parameter(Tensor.randomUniform([hidden, queryDim + keyDim], in: -b..<b, using: &rng))
        v = Linear(hidden, 1, bias: false, rng: &rng)
        self.queryDim = queryDim
    }

    /// `weight`, `v.weight`.
    public var namedParameters: [NamedParameter] {
        [NamedParameter("weight", weight)] + v.namedParameters(prefix: "v")
    }

    /// vᵀ tanh(W [q; k]) for every (query, key) pair.
    public func scores(query: Tensor, keys: Tensor) -> Tensor {
        let w = weight.value
        let wq = w.slice(axis: 1, 0..<queryDim)
        let wk = w.slice(axis: 1, queryDim..<w.shape[1])
        let k = matmulLastAxis(keys, wk).expandingShape(at: 1)
        let q = matmulLastAxis(query, wq).expandingShape(at: 2)
        return v((k + q).tanh()).squeezingShape(at: [3])
    }
}
