import Tensors

/// The Elman cell of `torch.nn.RNNCell`: h' = tanh(W_ih x + b_ih + W_hh h + b_hh)
/// (or ReLU). x `[batch, input]`, h `[batch, hidden]`; one gate block.
public struct RNNCell: RecurrentCell {
    /// `weight_ih` `[1·hidden, input]`, `weight_hh` `[1·hidden, hidden]`, `bias_ih`/`bias_hh` `[1·hidden]`.
    public let weightIH: Parameter, weightHH: Parameter, biasIH: Parameter, biasHH: Parameter
    /// The nonlinearity (PyTorch's `nonlinearity`: tanh or relu).
    public var activation: Activation = .tanh

    /// The size of x.
    public var inputSize: Int { weightIH.shape[1] }
    /// The size of h.
    public var hiddenSize: Int { weightHH.shape[1] }

    /// Fresh parameters U(−1/√hidden, 1/√hidden), as PyTorch initialises them.
    public init(inputSize: Int, hiddenSize: Int, rng: inout RandomGenerator) {
        (weightIH, weightHH, biasIH, biasHH) = Self.initialParameters(
            gates: 1, inputSize: inputSize, hiddenSize: hiddenSize, rng: &rng)
    }

    /// h = 0, `[batch, hidden]`.
    public func zeroState(batch: Int) -> RecurrentState {
        RecurrentState(hidden: Tensor.zeros([batch, hiddenSize]))
    }

    /// h' = act(projectedInput + W_hh h + b_hh).
    public func step(projectedInput: Tensor, state: RecurrentState) -> RecurrentState {
        RecurrentState(hidden: activation(projectedInput + projectHidden(state.hidden)))
    }
}
