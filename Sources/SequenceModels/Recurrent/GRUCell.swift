import Tensors

/// The gated recurrent unit of `torch.nn.GRUCell`, gate order (r, z, n):
///
/// r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
/// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h.
///
/// x `[batch, input]`, h `[batch, hidden]`; `weight_ih` `[3·hidden, input]`,
/// `weight_hh` `[3·hidden, hidden]`, biases `[3·hidden]`.
public struct GRUCell: RecurrentCell {
    /// `weight_ih` `[3·hidden, input]`, `weight_hh` `[3·hidden, hidden]`, `bias_ih`/`bias_hh` `[3·hidden]`.
    public let weightIH: Parameter, weightHH: Parameter, biasIH: Parameter, biasHH: Parameter

    /// The size of x.
    public var inputSize: Int { weightIH.shape[1] }
    /// The size of h.
    public var hiddenSize: Int { weightHH.shape[1] }

    /// Fresh parameters U(−1/√hidden, 1/√hidden), as PyTorch initialises them.
    public init(inputSize: Int, hiddenSize: Int, rng: inout RandomGenerator) {
        (weightIH, weightHH, biasIH, biasHH) = Self.initialParameters(
            gates: 3, inputSize: inputSize, hiddenSize: hiddenSize, rng: &rng)
    }

    /// h = 0, `[batch, hidden]`.
    public func zeroState(batch: Int) -> RecurrentState {
        RecurrentState(hidden: Tensor.zeros([batch, hiddenSize]))
    }

    /// The GRU update from x·W_ihᵀ + b_ih (`[batch, 3·hidden]`); see the type's formula.
    public func step(projectedInput: Tensor, state: RecurrentState) -> RecurrentState {
        let h = state.hidden
        let gi = projectedInput.chunked(into: 3, axis: -1)
        let gh = projectHidden(h).chunked(into: 3, axis: -1)
        let r = (gi[0] + gh[0]).sigmoid()
        let z = (gi[1] + gh[1]).sigmoid()
        let n = (gi[2] + r * gh[2]).tanh()
        return RecurrentState(hidden: n + z * (h - n))
    }
}
