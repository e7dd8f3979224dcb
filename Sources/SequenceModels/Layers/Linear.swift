import Tensors

/// A fully connected layer with PyTorch's `nn.Linear` parameter layout.
///
/// `y = x · Wᵀ + b` over the last axis: input `[..., inFeatures]` → output `[..., outFeatures]`
/// (e.g. `[batch, time, in]` → `[batch, time, out]`, done as one GEMM over batch·time rows).
/// Parameters: `weight` `[outFeatures, inFeatures]`, `bias` `[outFeatures]` (optional).
public struct Linear: Layer {
    /// The weight W, shape `[outFeatures, inFeatures]` (same layout as `torch.nn.Linear.weight`).
    public let weight: Parameter
    /// The bias b, shape `[outFeatures]`, or nil for a layer without bias.
    public let bias: Parameter?

    /// The size of the input's last axis.
    public var inFeatures: Int { weight.shape[1] }
    /// The size of the output's last axis.
    public var outFeatures: Int { weight.shape[0] }

    /// A layer initialised like PyTorch: W, b ~ U(−1/√in, 1/√in).
    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, rng: inout RandomGenerator) {
        let bound = 1 / Float(inFeatures).squareRoot()
        weight = Parameter(Tensor.randomUniform([outFeatures, inFeatures], in: -bound..<bound, using: &rng))
        self.bias =
            bias
            ? Parameter(Tensor.randomUniform([outFeatures], in: -bound..<bound, using: &rng)) : nil
    }

    /// A layer with the given values: `weight` `[out, in]`, `bias` `[out]` or nil.
    public init(weight: Tensor, bias: Tensor?) {
        requireArgument(weight.rank == 2, "Linear: weight must be [out, in], got \(weight.shape)")
        if let bias {
            requireArgument(
                bias.shape == [weight.shape[0]], "Linear: bias must be [\(weight.shape[0])], got \(bias.shape)")
        }
        self.weight = Parameter(weight)
        self.bias = bias.map(Parameter.init)
    }

    /// `weight` and, when present, `bias`.
    public var namedParameters: [NamedParameter] {
        var list = [NamedParameter("weight", weight)]
        if let bias { list.append(NamedParameter("bias", bias)) }
        return list
    }

    /// `x · Wᵀ + b`: `[..., inFeatures]` → `[..., outFeatures]`. An input whose last axis is
    /// not `inFeatures` stops the program with both shapes (the runner finds the calling line
    /// in the backtrace).
    public func callAsFunction(_ input: Tensor) -> Tensor {
        if input.rank == 0 || input.shape[input.rank - 1] != inFeatures {
            fatalError(
                TensorError.shapeMismatch(
                    operation: "Linear(\(inFeatures) → \(outFeatures))", shapes: [input.shape, weight.shape],
                    detail: "the input's last axis must have \(inFeatures) features, not \(input.shape.last ?? 0)"
                ).description)
        }
        return linear(input, weight: weight.value, bias: bias?.value)
    }
}

/// `x · Wᵀ` over the last axis of `x` for any rank ≥ 1 (`W` is `[out, in]`): `[..., in]` → `[..., out]`.
@inlinable
func matmulLastAxis(_ x: Tensor, _ w: Tensor) -> Tensor {
    if x.rank == 2 { return matmul(x, w, transposeB: true) }
    let lead = Array(x.shape.dropLast())
    let rows = x.count / Swift.max(x.shape[x.rank - 1], 1)
    let flat = x.reshaped(to: [rows, x.shape[x.rank - 1]])
    return matmul(flat, w, transposeB: true).reshaped(to: lead + [w.shape[0]])
}
