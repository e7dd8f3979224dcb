import Tensors

/// The long short-term memory cell of `torch.nn.LSTMCell`, gate order (i, f, g, o):
///
/// i = σ(·), f = σ(·), g = tanh(·), o = σ(·) of W_i* x + b_i* + W_h* h + b_h*;
/// c' = f ⊙ c + i ⊙ g, h' = o ⊙ tanh(c').
///
/// x `[batch, input]`, h and c `[batch, hidden]`; `weight_ih` `[4·hidden, input]`,
/// `weight_hh` `[4·hidden, hidden]`, biases `[4·hidden]`.
public struct LSTMCell: RecurrentCell {
    /// `weight_ih` `[4·hidden, input]`, `weight_hh` `[4·hidden, hidden]`, `bias_ih`/`bias_hh` `[4·hidden]`.
    public let weightIH: Parameter, weightHH: Parameter, biasIH: Parameter, biasHH: Parameter

    /// The size of x.
    public var inputSize: Int { weightIH.shape[1] }
    /// The size of h.
    public var hiddenSize: Int { weightHH.shape[1] }

    /// Fresh parameters U(−1/√hidden, 1/√hidden), as PyTorch initialises them.
    public init(inputSize: Int, hiddenSize: Int, rng: inout RandomGenerator) {
        (weightIH, weightHH, biasIH, biasHH) = Self.initialParameters(
            gates: 4, inputSize: inputSize, hiddenSize: hiddenSize, rng: &rng)
    }

    /// h = c = 0.
    public func zeroState(batch: Int) -> RecurrentState {
        RecurrentState(hidden: Tensor.zeros([batch, hiddenSize]), cell: Tensor.zeros([batch, hiddenSize]))
    }

    /// The LSTM update from x·W_ihᵀ + b_ih (`[batch, 4·hidden]`); see the type's formula.
    /// A state without `cell` is treated as c = 0.
    public func step(projectedInput: Tensor, state: RecurrentState) -> RecurrentState {
        let gates = (projectedInput + projectHidden(state.hidden)).chunked(into: 4, axis: -1)
        let i = gates[0].sigmoid()
        let f = gates[1].sigmoid()
        let g = gates[2].tanh()
        let o = gates[3].sigmoid()
        let c = state.cell.map { f * $0 + i * g } ?? i * g
        return RecurrentState(hidden: o * c.tanh(), cell: c)
    }
}
