import SequenceModels
import Tensors
import Testing

@Test func linearMatchesPyTorch() {
    let c = Reference.named("linear")
    var rng = RandomGenerator(seed: 1)
    let layer = Linear(5, 4, rng: &rng)
    Reference.load(c, into: layer)
    expectClose(layer(Reference.tensor(c, "inputs", "x")), Reference.tensor(c, "outputs", "y"), "linear")
}

@Test func layerNormMatchesPyTorch() {
    let c = Reference.named("layer_norm")
    let norm = LayerNorm(6)
    Reference.load(c, into: norm)
    expectClose(norm(Reference.tensor(c, "inputs", "x")), Reference.tensor(c, "outputs", "y"), "layer norm")
}

@Test func batchNormTrainingAndEvaluationMatchPyTorch() {
    let c = Reference.named("batch_norm")
    let norm = BatchNorm(3)
    Reference.load(c, into: norm)
    let x1 = Reference.tensor(c, "inputs", "x1")
    let x2 = Reference.tensor(c, "inputs", "x2")
    expectClose(norm(x1), Reference.tensor(c, "outputs", "train1"), "train 1")
    expectClose(norm(x2), Reference.tensor(c, "outputs", "train2"), "train 2")
    expectClose(norm.runningMean, Reference.tensor(c, "outputs", "running_mean"), "running mean")
    expectClose(norm.runningVariance, Reference.tensor(c, "outputs", "running_var"), "running var")
    norm.setTraining(false)
    expectClose(norm(x1), Reference.tensor(c, "outputs", "eval"), "eval")
}

@Test func batchNormEvaluationIsPerExampleButLayerNormIsAlways() {
    let bn = BatchNorm(4)
    let x = randomTensor([6, 4], seed: 3)
    _ = bn(x)
    bn.setTraining(false)
    let whole = bn(x).slice(axis: 0, 0..<1)
    expectClose(bn(x.slice(axis: 0, 0..<1)), whole, "eval batch norm on one row")
    bn.setTraining(true)
    // In training the first row's output depends on the other rows.
    let alone = bn(Tensor.concatenate([x.slice(axis: 0, 0..<1), x.slice(axis: 0, 0..<1) * 3], axis: 0)).slice(
        axis: 0, 0..<1)
    #expect(alone != bn(x).slice(axis: 0, 0..<1))
    let ln = LayerNorm(4)
    expectClose(ln(x.slice(axis: 0, 0..<1)), ln(x).slice(axis: 0, 0..<1), "layer norm row")
}

@Test func embeddingLooksUpRowsAndDropoutScales() {
    let e = Embedding(weight: Tensor([[0, 1], [2, 3], [4, 5]]))
    #expect(e([[2, 0], [1, 1]]).scalars == [4, 5, 0, 1, 2, 3, 2, 3])
    #expect(e([[2, 0], [1, 1]]).shape == [2, 2, 2])
    let d = Dropout(rate: 0.5, seed: 7)
    let y = d(Tensor.ones([1000]))
    #expect(Set(y.scalars).isSubset(of: [0, 2]))
    let kept = y.scalars.filter { $0 > 0 }.count
    #expect(kept > 400 && kept < 600)
    d.setTraining(false)
    #expect(d(Tensor.ones([10])) == Tensor.ones([10]))
}

@Test func residualAndFeedForwardShapesAndPlacement() {
    var rng = RandomGenerator(seed: 5)
    let ff = FeedForward(dModel: 6, hidden: 10, rng: &rng)
    let x = randomTensor([2, 3, 6], seed: 8)
    #expect(ff(x).shape == [2, 3, 6])
    let pre = Residual(ff, dim: 6, placement: .preNorm)
    expectClose(pre(x), x + ff(LayerNorm(6)(x)), "pre-norm")
    let post = Residual(ff, dim: 6, placement: .postNorm)
    expectClose(post(x), LayerNorm(6)(x + ff(x)), "post-norm")
    #expect(pre.namedParameters.map(\.name).contains("sublayer.linear1.weight"))
}

@Test func layerGradientsMatchFiniteDifferences() {
    var rng = RandomGenerator(seed: 11)
    let x = randomTensor([2, 3, 4], seed: 12)
    let linear = Linear(4, 3, rng: &rng)
    checkGradients(linear) { weightedSum(linear(x)) }
    let norm = LayerNorm(4)
    norm.weight.value = randomTensor([4], seed: 13)
    checkGradients(norm) { weightedSum(norm(x)) }
    let bn = BatchNorm(4)
    checkGradients(bn) { weightedSum(bn(x)) }
    let ff = FeedForward(dModel: 4, hidden: 5, activation: .gelu, rng: &rng)
    checkGradients(ff) { weightedSum(ff(x)) }
    let residual = Residual(FeedForward(dModel: 4, hidden: 5, rng: &rng), dim: 4, placement: .postNorm)
    checkGradients(residual) { weightedSum(residual(x)) }
    let embedding = Embedding(vocabularySize: 5, dim: 3, rng: &rng)
    checkGradients(embedding) { weightedSum(embedding([[1, 4, 1], [0, 2, 3]])) }
    let inputs = Inputs(["x": x, "y": randomTensor([4], seed: 4)])
    checkGradients(inputs) { weightedSum(softplus(inputs["x"] * 3) + Activation.tanh(inputs["y"])) }
    let inputs2 = Inputs(["x": x])
    checkGradients(inputs2) { weightedSum(norm(inputs2["x"])) }
}
