import Tensors

/// An attention score function: how well each query matches each key.
///
/// `scores(query: [batch, queries, dq], keys: [batch, keys, dk]) → [batch, queries, keys]`
/// (unnormalised). The variants (`DotScoring`, `GeneralScoring`, `ConcatScoring`,
/// `AdditiveScoring`, `ScaledDotScoring`, `LocationScoring`) are interchangeable: wrap any of
/// them in `Attention` to get masking, softmax and the weighted sum.
public protocol AttentionScoring: Module {
    /// Unnormalised scores `[batch, queries, keys]` for queries `[batch, queries, dq]` and keys
    /// `[batch, keys, dk]`.
    func scores(query: Tensor, keys: Tensor) -> Tensor
}

/// What an attention layer returns.
public struct AttentionOutput {
    /// The weighted sums of the values: `[batch, queries, dv]` (or `[batch, dv]` for a
    /// rank-2 query).
    public var context: Tensor
    /// The attention weights, rows summing to 1: `[batch, queries, keys]` (or `[batch, keys]`
    /// for a rank-2 query); for multi-head attention the mean over heads.
    public var weights: Tensor
    /// Multi-head attention only: every head's weights `[batch, heads, queries, keys]`.
    public var headWeights: Tensor?

    /// An output from its parts.
    public init(context: Tensor, weights: Tensor, headWeights: Tensor? = nil) {
        self.context = context
        self.weights = weights
        self.headWeights = headWeights
    }
}

/// Anything that attends: queries over keys/values with an optional mask. `Attention` (any
/// `AttentionScoring`) and `MultiHeadAttention` conform, so a model can hold `any AttentionMechanism`
/// and a lesson can swap variants with `makeAttention(_:queryDim:keyDim:hidden:rng:)`.
public protocol AttentionMechanism: Module {
    /// Attends: query `[batch, queries, dq]` or `[batch, dq]`, keys `[batch, keys, dk]`, values
    /// `[batch, keys, dv]`, mask (1 = hidden) broadcastable to `[batch, queries, keys]`.
    /// The context's last axis is `outputDimension`.
    func callAsFunction(query: Tensor, keys: Tensor, values: Tensor, mask: Tensor?) -> AttentionOutput
    /// The size of the context vectors for values of size `valueDimension`.
    func outputDimension(valueDimension: Int) -> Int
}

extension AttentionMechanism {
    /// Attends with padding given as key lengths (keys ≥ length get 0 weight) and, optionally,
    /// a causal mask (query i sees keys 0…i). Shapes as in `callAsFunction(query:keys:values:mask:)`.
    public func callAsFunction(
        query: Tensor, keys: Tensor, values: Tensor? = nil, keyLengths: [Int]? = nil, causal: Bool = false
    ) -> AttentionOutput {
        let tk = keys.shape[1]
        let tq = query.rank == 3 ? query.shape[1] : 1
        let padding = keyLengths.map { AttentionMask.padding(keyLengths: $0, keyCount: tk) }
        let future = causal ? AttentionMask.causal(queryCount: tq, keyCount: tk) : nil
        return self(query: query, keys: keys, values: values ?? keys, mask: AttentionMask.combine(padding, future))
    }
}
