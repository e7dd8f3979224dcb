import Tensors

/// The attention variants by name, for swapping them in one line (e.g. from a `-p attention=…`
/// notebook parameter): `makeAttention(try AttentionKind(name: "additive"), …)`.
public enum AttentionKind: Equatable, Sendable, CustomStringConvertible {
    /// qᵀk (`DotScoring`).
    case dot
    /// qᵀWk (`GeneralScoring`).
    case general
    /// vᵀ tanh(W[q; k]) (`ConcatScoring`).
    case concat
    /// vᵀ tanh(W₁k + W₂q) (`AdditiveScoring`).
    case additive
    /// qᵀk/√d (`ScaledDotScoring`).
    case scaledDot
    /// softmax(W_a q) over at most `maxSourceLength` positions (`LocationScoring`).
    case location(maxSourceLength: Int)
    /// `MultiHeadAttention` with this many heads.
    case multiHead(heads: Int)

    /// Every kind with example settings (location over 32 positions, 4 heads).
    public static let allExamples: [AttentionKind] =
        [.dot, .general, .concat, .additive, .scaledDot, .location(maxSourceLength: 32), .multiHead(heads: 4)]

    /// Parses `dot`, `general`, `concat`, `additive` (or `bahdanau`), `scaled-dot` (`scaledDot`,
    /// `scaled_dot`), `location` (`location` or `location:N`, default N = 64), `multi-head`
    /// (`multiHead`, `multihead`, optionally `:H`, default 4), in any case.
    ///
    /// - Throws: ``UnknownName`` for anything else, listing the valid names, so a typo in a
    ///   notebook parameter stops the run instead of training a model without attention.
    public init(name: String) throws(UnknownName) {
        let parts = name.lowercased().split(separator: ":", maxSplits: 1).map(String.init)
        guard let head = parts.first else { throw UnknownName(name: name) }
        let number = parts.count > 1 ? Int(parts[1]) : nil
        if parts.count > 1, (number ?? 0) < 1 { throw UnknownName(name: name) }
        switch head.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "") {
        case "dot": self = .dot
        case "general": self = .general
        case "concat": self = .concat
        case "additive", "bahdanau": self = .additive
        case "scaleddot": self = .scaledDot
        case "location": self = .location(maxSourceLength: number ?? 64)
        case "multihead": self = .multiHead(heads: number ?? 4)
        default: throw UnknownName(name: name)
        }
    }

    /// A name ``init(name:)`` does not know; its description lists the valid ones.
    public struct UnknownName: Error, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
        /// The name as given.
        public var name: String

        /// The error for `name`.
        public init(name: String) {
            self.name = name
        }

        /// The valid names, as the message lists them.
        public static let validNames =
            "dot, general, concat, additive (or bahdanau), scaled-dot, location[:N], multi-head[:H]"

        public var description: String {
            "unknown attention '\(name)': use one of \(Self.validNames) (or pass nil for no attention)"
        }

        public var debugDescription: String { description }
    }

    /// The name `init(name:)` reads back (`location:N`, `multi-head:H`).
    public var description: String {
        switch self {
        case .dot: "dot"
        case .general: "general"
        case .concat: "concat"
        case .additive: "additive"
        case .scaledDot: "scaled-dot"
        case .location(let n): "location:\(n)"
        case .multiHead(let h): "multi-head:\(h)"
        }
    }
}

/// An attention layer of the given kind for queries of size `queryDim` and keys (= values) of size
/// `keyDim`; `hidden` sizes the inner layer of concat/additive and the projections of multi-head.
/// The context always has `keyDim` features (multi-head projects back to `keyDim`), so the kinds
/// are drop-in replacements for one another. Dot and scaled-dot need `queryDim == keyDim`.
public func makeAttention(
    _ kind: AttentionKind, queryDim: Int, keyDim: Int, hidden: Int, rng: inout RandomGenerator
) -> any AttentionMechanism {
    switch kind {
    case .dot, .scaledDot:
        requireArgument(queryDim == keyDim, "\(kind) attention needs queryDim (\(queryDim)) == keyDim (\(keyDim))")
        return Attention(kind == .dot ? DotScoring() as any AttentionScoring : ScaledDotScoring())
    case .general: return Attention(GeneralScoring(queryDim: queryDim, keyDim: keyDim, rng: &rng))
    case .concat: return Attention(ConcatScoring(queryDim: queryDim, keyDim: keyDim, hidden: hidden, rng: &rng))
    case .additive: return Attention(AdditiveScoring(queryDim: queryDim, keyDim: keyDim, hidden: hidden, rng: &rng))
    case .location(let n): return Attention(LocationScoring(queryDim: queryDim, maxSourceLength: n, rng: &rng))
    case .multiHead(let heads):
        return MultiHeadAttention(
            queryDim: queryDim, keyDim: keyDim, valueDim: keyDim, hidden: hidden,
            outputDim: keyDim, heads: heads, rng: &rng)
    }
}
