import Tensors

/// Projected keys and values of one attention layer, kept between decoding steps.
public struct KeyValueCache {
    /// `[batch, steps, hidden]` (every head's slice side by side), nil before the first step.
    public var keys: Tensor?
    /// `[batch, steps, hidden]` (every head's slice side by side), nil before the first step.
    public var values: Tensor?

    /// An empty cache.
    public init() {}

    /// The number of cached steps.
    public var count: Int { keys?.shape[1] ?? 0 }

    /// Appends new steps (`[batch, new, hidden]` each) along the time axis.
    public mutating func append(keys k: Tensor, values v: Tensor) {
        keys = keys.map { Tensor.concatenate([$0, k], axis: 1) } ?? k
        values = values.map { Tensor.concatenate([$0, v], axis: 1) } ?? v
    }
}

/// The state of incremental (one token at a time) decoding for a decoder stack: per layer, the
/// self-attention keys/values of all earlier target positions and the cross-attention keys/values
/// of the (fixed) encoder memory. A class so a decoding loop can pass it along and have it grow.
public final class DecoderCache {
    /// Self-attention caches, one per layer.
    public var selfAttention: [KeyValueCache]
    /// Cross-attention caches (computed at the first step), one per layer.
    public var crossAttention: [KeyValueCache]

    /// An empty cache for `layers` decoder layers.
    public init(layers: Int) {
        selfAttention = Array(repeating: KeyValueCache(), count: layers)
        crossAttention = Array(repeating: KeyValueCache(), count: layers)
    }

    /// How many target positions have been decoded (the offset of the next one).
    public var length: Int { selfAttention.first?.count ?? 0 }
}
