import Tensors

/// An elementwise nonlinearity chosen by name (for feed-forward blocks and configs).
public enum Activation: String, Sendable, CaseIterable {
    /// max(x, 0).
    case relu
    /// ½x(1 + erf(x/√2)) (exact GELU, PyTorch's default).
    case gelu
    /// tanh x.
    case tanh
    /// σ(x) = 1/(1 + e⁻ˣ).
    case sigmoid
    /// x (no nonlinearity).
    case identity

    /// Applies the function elementwise (any shape → same shape).
    public func callAsFunction(_ x: Tensor) -> Tensor {
        switch self {
        case .relu: x.relu()
        case .gelu: x.gelu()
        case .tanh: x.tanh()
        case .sigmoid: x.sigmoid()
        case .identity: x
        }
    }
}

/// softplus(x) = log(1 + eˣ), computed stably as max(x, 0) + log(1 + e^(−|x|)). Any shape.
public func softplus(_ x: Tensor) -> Tensor {
    x.relu() + ((-x.abs()).exp() + 1).log()
}
