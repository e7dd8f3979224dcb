import Tensors

/// Luong's location-based score: a = softmax(W_a q), from the query alone.
///
/// The scores for the first `keys` source positions are W_a q + b (W_a `[maxSourceLength, dq]`),
/// independent of the keys' contents; sources may be shorter than `maxSourceLength`, never longer.
/// `[batch, queries, dq]`, keys `[batch, keys, dk]` (only its length is used) → `[batch, queries, keys]`.
/// Parameters: `proj.weight` `[maxSourceLength, dq]`, `proj.bias` `[maxSourceLength]`.
public struct LocationScoring: AttentionScoring {
    /// The map from a query to one score per source position.
    public let projection: Linear

    /// The longest source this score can address.
    public var maxSourceLength: Int { projection.outFeatures }

    /// Fresh parameters with PyTorch's `nn.Linear` initialisation.
    public init(queryDim: Int, maxSourceLength: Int, rng: inout RandomGenerator) {
        projection = Linear(queryDim, maxSourceLength, rng: &rng)
    }

    /// `proj.*`.
    public var namedParameters: [NamedParameter] { projection.namedParameters(prefix: "proj") }

    /// (W_a q + b) restricted to the first `keys.shape[1]` positions.
    public func scores(query: Tensor, keys: Tensor) -> Tensor {
        let tk = keys.shape[1]
        requireArgument(
            tk <= maxSourceLength,
            "LocationScoring: source length \(tk) exceeds maxSourceLength \(maxSourceLength)")
        let all = projection(query)
        return tk == maxSourceLength ? all : all.slice(axis: -1, 0..<tk)
    }
}
