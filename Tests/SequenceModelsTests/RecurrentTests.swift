import SequenceModels
import Tensors
import Testing

func checkRecurrent<Cell: RecurrentCell>(_ name: String, _ type: Cell.Type) {
    let c = Reference.named(name)
    let layers = c["layers"] as? Int ?? 1
    let bidirectional = c["bidirectional"] as? Bool ?? false
    let lengths = c["lengths"] as? [Int]
    var rng = RandomGenerator(seed: 2)
    let net = RecurrentLayer<Cell>(inputSize: 4, hiddenSize: 5, layers: layers, bidirectional: bidirectional, rng: &rng)
    Reference.load(c, into: net)
    let x = Reference.tensor(c, "inputs", "x")
    let r = Reference.tensor(c, "inputs", "r")
    let out = net(x, lengths: lengths)
    expectClose(out.outputs, Reference.tensor(c, "outputs", "outputs"), "\(name) outputs")
    expectClose(out.finalHidden, Reference.tensor(c, "outputs", "h_n"), "\(name) h_n")
    if Cell.self == LSTMCell.self {
        expectClose(out.finalCell ?? Tensor(0), Reference.tensor(c, "outputs", "c_n"), "\(name) c_n")
    }
    let (_, grads) = valueWithGradient(of: net) {
        let o = net(x, lengths: lengths)
        return (o.outputs * r).sum() + o.finalHidden.squared().sum()
    }
    let expected = c["gradients"] as? [String: Any] ?? [:]
    #expect(!expected.isEmpty)
    for (pname, value) in expected {
        expectClose(grads[pname] ?? Tensor(0), Reference.tensor(value), tolerance: 2e-4, "\(name) d/d\(pname)")
    }
}

@Test func rnnMatchesPyTorch() { checkRecurrent("rnn", RNNCell.self) }
@Test func gruMatchesPyTorch() { checkRecurrent("gru", GRUCell.self) }
@Test func lstmMatchesPyTorch() { checkRecurrent("lstm", LSTMCell.self) }
@Test func packedBidirectionalTwoLayerGRUMatchesPyTorch() { checkRecurrent("gru_packed_bidirectional", GRUCell.self) }
@Test func packedBidirectionalTwoLayerLSTMMatchesPyTorch() {
    checkRecurrent("lstm_packed_bidirectional", LSTMCell.self)
}

@Test func paddedStepsDoNotChangeTheState() {
    var rng = RandomGenerator(seed: 4)
    let gru = GRU(inputSize: 3, hiddenSize: 4, rng: &rng)
    let x = randomTensor([2, 5, 3], seed: 5)
    let padded = gru(x, lengths: [5, 2])
    let short = gru(x.slice(axis: 0, 1..<2).slice(axis: 1, 0..<2))
    expectClose(
        padded.finalHidden.select(axis: 1, index: 1), short.finalHidden.select(axis: 1, index: 0), "final state")
    #expect(padded.outputs.select(axis: 0, index: 1).slice(axis: 0, 2..<5).scalars.allSatisfy { $0 == 0 })
    #expect(padded.lastLayerHidden(directions: 1).shape == [2, 4])
}

@Test func cellStepEqualsOneStepSequence() {
    var rng = RandomGenerator(seed: 6)
    let lstm = LSTM(inputSize: 3, hiddenSize: 4, rng: &rng)
    let x = randomTensor([2, 1, 3], seed: 7)
    let cell = lstm.cells[0][0]
    let state = cell(x.squeezingShape(at: [1]), state: cell.zeroState(batch: 2))
    expectClose(state.hidden, lstm(x).outputs.squeezingShape(at: [1]), "step vs sequence")
}

@Test func recurrentGradientsMatchFiniteDifferences() {
    var rng = RandomGenerator(seed: 8)
    let x = randomTensor([2, 4, 3], seed: 9)
    let gru = GRU(inputSize: 3, hiddenSize: 3, layers: 2, bidirectional: true, rng: &rng)
    checkGradients(gru, samples: 3) { weightedSum(gru(x, lengths: [4, 2]).outputs) }
    let lstm = LSTM(inputSize: 3, hiddenSize: 3, bidirectional: true, rng: &rng)
    checkGradients(lstm, samples: 3) { weightedSum(lstm(x, lengths: [3, 4]).finalHidden) }
    let rnn = RNN(inputSize: 3, hiddenSize: 3, rng: &rng)
    checkGradients(rnn, samples: 3) { weightedSum(rnn(x).outputs) }
}
