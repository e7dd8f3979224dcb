import Tensors

/// The state a recurrent cell carries between time steps.
///
/// `hidden` h is `[batch, hidden]`; `cell` c (LSTM only) is `[batch, hidden]`, nil otherwise.
public struct RecurrentState {
    /// The hidden state h, `[batch, hidden]` (also the cell's output).
    public var hidden: Tensor
    /// The LSTM memory cell c, `[batch, hidden]`; nil for RNN and GRU cells.
    public var cell: Tensor?

    /// A state from its parts.
    public init(hidden: Tensor, cell: Tensor? = nil) {
        self.hidden = hidden
        self.cell = cell
    }

    /// Keeps `self` where `keep` is 1 and takes `other` where it is 0, row by row
    /// (`keep` is `[batch, 1]`): the padding rule "a padded step does not change the state".
    public func blended(with other: RecurrentState, keep: Tensor) -> RecurrentState {
        let h = other.hidden + (hidden - other.hidden) * keep
        var c: Tensor? = nil
        if let cell, let oc = other.cell { c = oc + (cell - oc) * keep }
        return RecurrentState(hidden: h, cell: c)
    }
}

/// One step of a recurrence with PyTorch's parameter layout:
/// `weight_ih` `[gates·hidden, input]`, `weight_hh` `[gates·hidden, hidden]`,
/// `bias_ih`, `bias_hh` `[gates·hidden]`.
///
/// A step is split in two so sequence layers can project every time step's input in one GEMM:
/// `projectInput(x)` = x·W_ihᵀ + b_ih (`[..., input]` → `[..., gates·hidden]`) and
/// `step(projectedInput:state:)`, which adds the recurrent part and applies the gates.
public protocol RecurrentCell: Module {
    /// The size of x.
    var inputSize: Int { get }
    /// The size of h.
    var hiddenSize: Int { get }
    /// `weight_ih` `[gates·hidden, input]`.
    var weightIH: Parameter { get }
    /// `weight_hh` `[gates·hidden, hidden]`.
    var weightHH: Parameter { get }
    /// `bias_ih` `[gates·hidden]`.
    var biasIH: Parameter { get }
    /// `bias_hh` `[gates·hidden]`.
    var biasHH: Parameter { get }
    /// The all-zero state for `batch` rows.
    func zeroState(batch: Int) -> RecurrentState
    /// The next state from x·W_ihᵀ + b_ih (`[batch, gates·hidden]`) and the previous state.
    func step(projectedInput: Tensor, state: RecurrentState) -> RecurrentState
    /// A cell with fresh parameters drawn like PyTorch's, U(−1/√hidden, 1/√hidden).
    init(inputSize: Int, hiddenSize: Int, rng: inout RandomGenerator)
}

extension RecurrentCell {
    /// x·W_ihᵀ + b_ih for any leading axes: `[..., input]` → `[..., gates·hidden]`.
    public func projectInput(_ x: Tensor) -> Tensor {
        linear(x, weight: weightIH.value, bias: biasIH.value)
    }

    /// h·W_hhᵀ + b_hh: `[batch, hidden]` → `[batch, gates·hidden]`.
    public func projectHidden(_ h: Tensor) -> Tensor {
        linear(h, weight: weightHH.value, bias: biasHH.value)
    }

    /// One step from the raw input x `[batch, input]`.
    public func callAsFunction(_ x: Tensor, state: RecurrentState) -> RecurrentState {
        step(projectedInput: projectInput(x), state: state)
    }

    /// PyTorch's names: `weight_ih`, `weight_hh`, `bias_ih`, `bias_hh`.
    public var namedParameters: [NamedParameter] {
        [
            NamedParameter("weight_ih", weightIH), NamedParameter("weight_hh", weightHH),
            NamedParameter("bias_ih", biasIH), NamedParameter("bias_hh", biasHH),
        ]
    }

    /// Parameters U(−1/√hidden, 1/√hidden) for `gates` gate blocks.
    static func initialParameters(
        gates: Int, inputSize: Int, hiddenSize: Int, rng: inout RandomGenerator
    ) -> (Parameter, Parameter, Parameter, Parameter) {
        let k = 1 / Float(hiddenSize).squareRoot()
        let g = gates * hiddenSize
        return (
            Parameter(Tensor.randomUniform([g, inputSize], in: -k..<k, using: &rng)),
            Parameter(Tensor.randomUniform([g, hiddenSize], in: -k..<k, using: &rng)),
            Parameter(Tensor.randomUniform([g], in: -k..<k, using: &rng)),
            Parameter(Tensor.randomUniform([g], in: -k..<k, using: &rng))
        )
    }
}
