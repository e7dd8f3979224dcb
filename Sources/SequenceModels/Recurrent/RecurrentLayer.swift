import Tensors

/// What a sequence layer returns.
public struct RecurrentOutput {
    /// The top layer's hidden state at every step, `[batch, time, hidden·directions]`
    /// (directions concatenated, forward first); zero at padded steps.
    public var outputs: Tensor
    /// The state after the last valid step of each sequence, one per (layer, direction) in
    /// PyTorch's order: layer 0 forward, layer 0 backward, layer 1 forward, …
    public var finalStates: [RecurrentState]

    /// The final hidden states stacked like PyTorch's `h_n`: `[layers·directions, batch, hidden]`.
    public var finalHidden: Tensor { Tensor.stack(finalStates.map(\.hidden), axis: 0) }

    /// The final LSTM cells stacked like PyTorch's `c_n`: `[layers·directions, batch, hidden]`;
    /// nil for RNN and GRU layers.
    public var finalCell: Tensor? {
        let cells = finalStates.compactMap(\.cell)
        return cells.count == finalStates.count && !cells.isEmpty ? Tensor.stack(cells, axis: 0) : nil
    }

    /// The last layer's final hidden state with directions concatenated: `[batch, hidden·directions]`
    /// (a sentence summary for a decoder's initial state).
    public func lastLayerHidden(directions: Int) -> Tensor {
        let last = finalStates.suffix(directions).map(\.hidden)
        return last.count == 1 ? last[0] : Tensor.concatenate(Array(last), axis: -1)
    }
}

/// A multi-layer, optionally bidirectional recurrent network over padded batches, with
/// PyTorch's semantics (`torch.nn.RNN/GRU/LSTM` with `batch_first=True` and packed sequences):
///
/// - input `[batch, time, input]`, optional `lengths` (one per row, 1…time): steps at or after a
///   row's length do not change its state and output zeros, and the backward direction starts at
///   each row's last valid step, exactly like `pack_padded_sequence`;
/// - every layer's input projection x·W_ihᵀ + b_ih is one GEMM over all time steps;
/// - layer l > 0 reads layer l − 1's outputs (directions concatenated), with dropout in between
///   during training.
///
/// Parameter names follow PyTorch: `weight_ih_l0`, `bias_hh_l1_reverse`, ….
public struct RecurrentLayer<Cell: RecurrentCell>: Module {
    /// `cells[layer][direction]` (direction 0 forward, 1 backward).
    public let cells: [[Cell]]
    /// Dropout on the outputs of every layer but the last (training only).
    public let dropout: Dropout

    /// The number of stacked layers.
    public var layerCount: Int { cells.count }
    /// 2 for a bidirectional network, else 1.
    public var directions: Int { cells.first?.count ?? 1 }
    /// The hidden size of each direction.
    public var hiddenSize: Int { cells[0][0].hiddenSize }
    /// The size of each output vector: hidden·directions.
    public var outputSize: Int { hiddenSize * directions }

    /// A network with fresh PyTorch-style parameters.
    public init(
        inputSize: Int, hiddenSize: Int, layers: Int = 1, bidirectional: Bool = false,
        dropout rate: Float = 0, rng: inout RandomGenerator
    ) {
        requireArgument(layers >= 1, "RecurrentLayer: layers must be at least 1")
        var cells: [[Cell]] = []
        for l in 0..<layers {
            let input = l == 0 ? inputSize : hiddenSize * (bidirectional ? 2 : 1)
            cells.append(
                (0..<(bidirectional ? 2 : 1)).map { _ in
                    Cell(inputSize: input, hiddenSize: hiddenSize, rng: &rng)
                })
        }
        self.cells = cells
        dropout = Dropout(rate: rate, seed: rng.next())
    }

    /// PyTorch's names: `weight_ih_l{k}[_reverse]`, `weight_hh_…`, `bias_ih_…`, `bias_hh_…`.
    public var namedParameters: [NamedParameter] {
        var list: [NamedParameter] = []
        for (l, layer) in cells.enumerated() {
            for (d, cell) in layer.enumerated() {
                let suffix = "_l\(l)" + (d == 1 ? "_reverse" : "")
                list += cell.namedParameters.map { NamedParameter($0.name + suffix, $0.parameter) }
            }
        }
        return list
    }

    /// Runs the network over `input` `[batch, time, input]`.
    ///
    /// `lengths`: valid steps per row (nil: all `time`). `initialStates`: one per (layer,
    /// direction) in `finalStates` order (nil: zeros).
    public func callAsFunction(
        _ input: Tensor, lengths: [Int]? = nil, initialStates: [RecurrentState]? = nil
    ) -> RecurrentOutput {
        requireArgument(input.rank == 3, "RecurrentLayer: input must be [batch, time, features], got \(input.shape)")
        let (batch, time) = (input.shape[0], input.shape[1])
        if let lengths {
            requireArgument(
                lengths.count == batch && lengths.allSatisfy { $0 >= 0 && $0 <= time },
                "RecurrentLayer: need one length in 0...\(time) per row, got \(lengths)")
        }
        let keep = lengths.map { Self.stepMasks($0, time: time) }
        if let initialStates {
            requireArgument(
                initialStates.count == layerCount * directions,
                "RecurrentLayer: need \(layerCount * directions) initial states, got \(initialStates.count)")
        }
        var x = input
        var finals: [RecurrentState] = []
        for (l, layer) in cells.enumerated() {
            if l > 0 { x = dropout(x) }
            var outs: [Tensor] = []
            for (d, cell) in layer.enumerated() {
                let start = initialStates?[l * directions + d] ?? cell.zeroState(batch: batch)
                let (out, final) = Self.run(cell, x, keep: keep, reverse: d == 1, initial: start)
                outs.append(out)
                finals.append(final)
            }
            x = outs.count == 1 ? outs[0] : Tensor.concatenate(outs, axis: 2)
        }
        return RecurrentOutput(outputs: x, finalStates: finals)
    }

    /// For each step t a `[batch, 1]` mask (1 where t < length), or nil when no row is padded at t.
    static func stepMasks(_ lengths: [Int], time: Int) -> [Tensor?] {
        (0..<time).map { t in
            if lengths.allSatisfy({ t < $0 }) { return nil }
            return Tensor(shape: [lengths.count, 1], scalars: lengths.map { t < $0 ? 1 : 0 })
        }
    }

    /// One direction of one layer: all outputs `[batch, time, hidden]` and the final state.
    static func run(
        _ cell: Cell, _ x: Tensor, keep: [Tensor?]?, reverse: Bool, initial: RecurrentState
    ) -> (Tensor, RecurrentState) {
        let time = x.shape[1]
        let projected = cell.projectInput(x)  // [batch, time, gates·hidden], one GEMM
        var state = initial
        var outputs = [Tensor?](repeating: nil, count: time)
        for t in (reverse ? Array((0..<time).reversed()) : Array(0..<time)) {
            let next = cell.step(projectedInput: projected.select(axis: 1, index: t), state: state)
            if let mask = keep?[t] {
                outputs[t] = next.hidden * mask
                state = next.blended(with: state, keep: mask)
            } else {
                outputs[t] = next.hidden
                state = next
            }
        }
        return (Tensor.stack(outputs.compactMap { $0 }, axis: 1), state)
    }
}

/// A multi-layer Elman RNN (`torch.nn.RNN`); see `RecurrentLayer`.
public typealias RNN = RecurrentLayer<RNNCell>
/// A multi-layer GRU (`torch.nn.GRU`); see `RecurrentLayer`.
public typealias GRU = RecurrentLayer<GRUCell>
/// A multi-layer LSTM (`torch.nn.LSTM`); see `RecurrentLayer`.
public typealias LSTM = RecurrentLayer<LSTMCell>
