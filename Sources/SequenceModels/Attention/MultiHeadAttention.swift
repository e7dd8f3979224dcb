import Tensors

/// Multi-head scaled dot-product attention (Vaswani et al.), like `torch.nn.MultiheadAttention`:
///
/// headᵢ = softmax(mask(QᵢKᵢᵀ/√d_h)) Vᵢ with Qᵢ, Kᵢ, Vᵢ the i-th d_h-wide slices of
/// W_q q + b_q, W_k k + b_k, W_v v + b_v; output = W_o [head₁; …; head_h] + b_o.
///
/// query `[batch, queries, dq]` (or `[batch, dq]`), keys `[batch, keys, dk]`, values
/// `[batch, keys, dv]` → context `[batch, queries, outputDim]`, head weights
/// `[batch, heads, queries, keys]` and their mean over heads `[batch, queries, keys]`.
/// Parameters: `q_proj`, `k_proj`, `v_proj` (`[hidden, d*]`), `out_proj` (`[outputDim, hidden]`).
public struct MultiHeadAttention: AttentionMechanism {
    /// W_q, b_q: dq → hidden.
    public let queryProjection: Linear
    /// W_k, b_k: dk → hidden.
    public let keyProjection: Linear
    /// W_v, b_v: dv → hidden.
    public let valueProjection: Linear
    /// W_o, b_o: hidden → outputDim.
    public let outputProjection: Linear
    /// The number of heads h (hidden is split into h slices of d_h = hidden / h).
    public let heads: Int
    /// Dropout on the attention weights (training only).
    public let dropout: Dropout

    /// The width of each head, d_h.
    public var headDim: Int { queryProjection.outFeatures / heads }

    /// Fresh parameters. `hidden` (default dq) must be divisible by `heads`; `valueDim` defaults to
    /// `keyDim` and `outputDim` to `queryDim`.
    public init(
        queryDim: Int, keyDim: Int? = nil, valueDim: Int? = nil, hidden: Int? = nil, outputDim: Int? = nil,
        heads: Int, dropout rate: Float = 0, rng: inout RandomGenerator
    ) {
        let kd = keyDim ?? queryDim
        let h = hidden ?? queryDim
        requireArgument(
            heads >= 1 && h % heads == 0, "MultiHeadAttention: hidden \(h) is not divisible by \(heads) heads")
        queryProjection = Linear(queryDim, h, rng: &rng)
        keyProjection = Linear(kd, h, rng: &rng)
        valueProjection = Linear(valueDim ?? kd, h, rng: &rng)
        outputProjection = Linear(h, outputDim ?? queryDim, rng: &rng)
        self.heads = heads
        dropout = Dropout(rate: rate, seed: rng.next())
    }

    /// `q_proj.*`, `k_proj.*`, `v_proj.*`, `out_proj.*`.
    public var namedParameters: [NamedParameter] {
        queryProjection.namedParameters(prefix: "q_proj") + keyProjection.namedParameters(prefix: "k_proj")
            + valueProjection.namedParameters(prefix: "v_proj") + outputProjection.namedParameters(prefix: "out_proj")
    }

    /// The context has `outputProjection.outFeatures` features whatever the values' size.
    public func outputDimension(valueDimension: Int) -> Int { outputProjection.outFeatures }

    /// `[batch, time, hidden]` → `[batch, heads, time, d_h]`.
    public func splitHeads(_ x: Tensor) -> Tensor {
        x.reshaped(to: [x.shape[0], x.shape[1], heads, headDim]).permuted([0, 2, 1, 3])
    }

    /// Projects keys and values once: `[batch, keys, dk]`, `[batch, keys, dv]` → two
    /// `[batch, keys, hidden]` tensors, every head's slice side by side (reusable across queries,
    /// e.g. cross-attention, and appendable along axis 1 for a decoder's cache).
    public func projectKeysValues(keys: Tensor, values: Tensor) -> (keys: Tensor, values: Tensor) {
        (keyProjection(keys), valueProjection(values))
    }

    /// Attention of `query` over already projected keys and values (`[batch, keys, hidden]`, from
    /// `projectKeysValues`); `mask` as in `callAsFunction`.
    ///
    /// Without active dropout this is the fused `multiHeadAttention` op (no head split copies);
    /// with dropout on the weights it is composed from split heads, matmuls and a masked softmax.
    /// Either way gradients reach the context only through the values and scores, and the
    /// returned weights are for inspection.
    public func attend(query: Tensor, projectedKeys k: Tensor, projectedValues v: Tensor, mask: Tensor?)
        -> AttentionOutput
    {
        let single = query.rank == 2
        let q3 = single ? query.expandingShape(at: 1) : query
        let (batch, tq) = (q3.shape[0], q3.shape[1])
        let q = queryProjection(q3)
        let merged: Tensor
        let weights: Tensor
        if dropout.isTraining && dropout.rate > 0 {
            let scores = matmul(splitHeads(q), splitHeads(k), transposeB: true) * (1 / Float(headDim).squareRoot())
            let m4 = mask.map { $0.rank == 3 ? $0.expandingShape(at: 1) : $0 }
            weights = maskedSoftmax(scores, mask: m4)
            let heads = matmul(dropout(weights), splitHeads(v))  // [b, h, tq, d_h]
            merged = heads.permuted([0, 2, 1, 3]).reshaped(to: [batch, tq, self.heads * headDim])
        } else {
            (merged, weights) = multiHeadAttention(query: q, keys: k, values: v, heads: heads, mask: mask)
        }
        let context = outputProjection(merged)
        let mean = weights.mean(axis: 1)
        if single {
            return AttentionOutput(
                context: context.squeezingShape(at: [1]), weights: mean.squeezingShape(at: [1]),
                headWeights: weights)
        }
        return AttentionOutput(context: context, weights: mean, headWeights: weights)
    }

    /// See the type's formula; `mask` (1 = hidden) broadcasts to `[batch, queries, keys]`
    /// (rank 3) or `[batch, heads, queries, keys]` (rank 4); rank-2 masks are `[queries, keys]`.
    public func callAsFunction(query: Tensor, keys: Tensor, values: Tensor, mask: Tensor?) -> AttentionOutput {
        AttentionShapes.check(
            "MultiHeadAttention", query: query, keys: keys, values: values,
            sizes: (queryProjection.inFeatures, keyProjection.inFeatures, valueProjection.inFeatures))
        let (k, v) = projectKeysValues(keys: keys, values: values)
        return attend(query: query, projectedKeys: k, projectedValues: v, mask: mask)
    }
}
