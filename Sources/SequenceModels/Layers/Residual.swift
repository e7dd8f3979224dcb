import Tensors

/// Where a residual block normalises: before the sublayer (pre-norm, x + f(norm(x)), stable
/// without warm-up) or after the sum (post-norm, norm(x + f(x)), the original Transformer).
public enum NormPlacement: String, Sendable {
    /// x + dropout(f(LN(x))).
    case preNorm
    /// LN(x + dropout(f(x))).
    case postNorm
}

/// A residual connection around any shape-preserving layer, with layer norm and dropout:
/// pre-norm x + dropout(f(LN(x))) or post-norm LN(x + dropout(f(x))).
///
/// `[..., dim]` → `[..., dim]`. Parameters: `sublayer.*`, `norm.*`.
public struct Residual<Sublayer: Layer>: Layer {
    /// The wrapped layer f.
    public let sublayer: Sublayer
    /// The layer norm (over `dim`).
    public let norm: LayerNorm
    /// Dropout on f's output before the sum.
    public let dropout: Dropout
    /// Pre- or post-norm.
    public let placement: NormPlacement

    /// Wraps `sublayer` (whose output has last axis `dim`).
    public init(
        _ sublayer: Sublayer, dim: Int, placement: NormPlacement = .preNorm, dropout rate: Float = 0,
        seed: UInt64 = 0
    ) {
        self.sublayer = sublayer
        norm = LayerNorm(dim)
        dropout = Dropout(rate: rate, seed: seed)
        self.placement = placement
    }

    /// `sublayer.*`, `norm.*`.
    public var namedParameters: [NamedParameter] {
        sublayer.namedParameters(prefix: "sublayer") + norm.namedParameters(prefix: "norm")
    }

    /// The residual sum (see the type's formula).
    public func callAsFunction(_ input: Tensor) -> Tensor {
        switch placement {
        case .preNorm: input + dropout(sublayer(norm(input)))
        case .postNorm: norm(input + dropout(sublayer(input)))
        }
    }
}
