import SequenceModels
import Tensors
import Testing

@Test(arguments: [NormPlacement.postNorm, .preNorm])
func encoderAndDecoderLayersMatchPyTorch(placement: NormPlacement) {
    let suffix = placement == .preNorm ? "pre_norm" : "post_norm"
    var rng = RandomGenerator(seed: 51)
    let e = Reference.named("encoder_layer_" + suffix)
    let encoder = TransformerEncoderLayer(
        dModel: 8, heads: 2, feedForward: 16, dropout: 0, placement: placement, rng: &rng)
    Reference.load(e, into: encoder)
    let lengths = e["key_lengths"] as? [Int] ?? []
    let x = Reference.tensor(e, "inputs", "x")
    let encoded = encoder(x, mask: AttentionMask.padding(keyLengths: lengths, keyCount: 5))
    expectClose(encoded.output, Reference.tensor(e, "outputs", "y"), "encoder layer (\(suffix))")
    #expect(encoded.attention.shape == [2, 2, 5, 5])

    let d = Reference.named("decoder_layer_" + suffix)
    let decoder = TransformerDecoderLayer(
        dModel: 8, heads: 2, feedForward: 16, dropout: 0, placement: placement, rng: &rng)
    Reference.load(d, into: decoder)
    let y = decoder(
        Reference.tensor(d, "inputs", "x"), memory: Reference.tensor(d, "inputs", "memory"),
        selfMask: AttentionMask.causal(queryCount: 4, keyCount: 4),
        memoryMask: AttentionMask.padding(keyLengths: lengths, keyCount: 5))
    expectClose(y.output, Reference.tensor(d, "outputs", "y"), "decoder layer (\(suffix))")
    #expect(y.crossAttention.shape == [2, 2, 4, 5])
}

@Test func sinusoidalEncodingMatchesPyTorchFormula() {
    let c = Reference.named("sinusoidal_encoding")
    expectClose(sinusoidalPositionalEncoding(length: 7, dim: 6), Reference.tensor(c, "outputs", "pe"), "PE")
    var rng = RandomGenerator(seed: 1)
    let pe = PositionalEncoding(.sinusoidal, maxLength: 7, dim: 6, rng: &rng)
    #expect(pe.namedParameters.isEmpty)
    expectClose(
        pe(Tensor.zeros([1, 2, 6]), offset: 3),
        sinusoidalPositionalEncoding(length: 7, dim: 6).slice(axis: 0, 3..<5).expandingShape(at: 0), "offset")
    #expect(PositionalEncoding(.learned, maxLength: 7, dim: 6, rng: &rng).namedParameters.map(\.name) == ["weight"])
}

func smallTransformer(_ placement: NormPlacement, seed: UInt64) -> Transformer {
    var rng = RandomGenerator(seed: seed)
    let config = TransformerConfiguration(
        sourceVocabulary: 11, targetVocabulary: 13, dModel: 16, heads: 4,
        feedForward: 32, encoderLayers: 2, decoderLayers: 2, dropout: 0.1,
        maxLength: 32, placement: placement)
    let model = Transformer(config, rng: &rng)
    model.setTraining(false)
    return model
}

@Test(arguments: [NormPlacement.postNorm, .preNorm])
func cachedAndUncachedGreedyDecodingAgree(placement: NormPlacement) {
    let model = smallTransformer(placement, seed: placement == .preNorm ? 61 : 62)
    let source = [[3, 4, 5, 6, 0], [7, 8, 9, 0, 0], [1, 2, 3, 4, 5]]
    let lengths = [4, 3, 5]
    let cached = model.greedyDecode(source, sourceLengths: lengths, bos: 1, eos: 2, maxLength: 12, useCache: true)
    let uncached = model.greedyDecode(source, sourceLengths: lengths, bos: 1, eos: 2, maxLength: 12, useCache: false)
    #expect(cached == uncached)
    #expect(cached.count == 3 && cached.allSatisfy { $0.count <= 12 })
    // The decoder's step-by-step outputs equal the full pass at every position.
    let (memory, _) = model.encode(source, sourceLengths: lengths)
    let target = [[1] + Array(cached[0].prefix(3)), [1, 5, 6, 7], [1, 3, 3, 3]].map {
        Array(($0 + [4, 4, 4]).prefix(4))
    }
    let full = model.decode(target, memory: memory, sourceLengths: lengths).logits
    let cache = DecoderCache(layers: 2)
    let mask = AttentionMask.padding(keyLengths: lengths, keyCount: 5)
    var steps: [Tensor] = []
    for t in 0..<4 {
        let x = model.targetPositions(model.targetEmbedding(target.map { [$0[t]] }) * 4, offset: t)
        steps.append(model.generator(model.decoder.step(x, memory: memory, memoryMask: mask, cache: cache).output))
    }
    expectClose(Tensor.concatenate(steps, axis: 1), full, tolerance: 1e-5, "cached logits")
    #expect(cache.length == 4)
}

@Test func transformerExposesEveryAttentionMapAndMasksPadding() {
    let model = smallTransformer(.preNorm, seed: 63)
    let out = model(source: [[3, 4, 5, 0], [6, 7, 0, 0]], sourceLengths: [3, 2], target: [[1, 5, 6], [1, 7, 8]])
    #expect(out.logits.shape == [2, 3, 13])
    #expect(out.encoderAttention.count == 2 && out.encoderAttention[0].shape == [2, 4, 4, 4])
    #expect(out.decoderSelfAttention.count == 2 && out.decoderSelfAttention[1].shape == [2, 4, 3, 3])
    #expect(out.crossAttention.count == 2 && out.crossAttention[0].shape == [2, 4, 3, 4])
    let cross = out.crossAttention[1].scalars  // [2, 4, 3, 4]: row 1 (length 2) must ignore keys 2, 3
    for h in 0..<4 { for i in 0..<3 { for j in 2..<4 { #expect(cross[((1 * 4 + h) * 3 + i) * 4 + j] == 0) } } }
    let selfWeights = out.decoderSelfAttention[0].scalars
    for i in 0..<3 { for j in (i + 1)..<3 { #expect(selfWeights[i * 3 + j] == 0) } }
}

@Test func transformerTrainingStepLowersTheLoss() {
    let model = smallTransformer(.preNorm, seed: 64)
    model.setTraining(true)
    let optimizer = Adam(learningRate: 3e-3)
    let source = [[3, 4, 5, 6], [7, 8, 9, 10]]
    let input = [[1, 3, 4, 5], [1, 7, 8, 9]]
    let labels = [3, 4, 5, 6, 7, 8, 9, 10]
    var losses: [Float] = []
    for _ in 0..<30 {
        let loss = backpropagate {
            crossEntropy(logits: model(source: source, target: input).logits, labels: labels, labelSmoothing: 0.1)
        }
        optimizer.step(model)
        model.zeroGradients()
        losses.append(loss.item())
    }
    #expect(losses.last! < losses.first! * 0.5, "losses \(losses)")
}

@Test func transformerGradientsMatchFiniteDifferences() {
    var rng = RandomGenerator(seed: 65)
    let config = TransformerConfiguration(
        sourceVocabulary: 6, targetVocabulary: 5, dModel: 4, heads: 2, feedForward: 6,
        encoderLayers: 1, decoderLayers: 1, dropout: 0, maxLength: 8,
        placement: .postNorm, positions: .learned)
    let model = Transformer(config, rng: &rng)
    checkGradients(model, samples: 2, tolerance: 3e-2) {
        crossEntropy(
            logits: model(source: [[1, 2, 3], [4, 5, 0]], sourceLengths: [3, 2], target: [[0, 1], [2, 3]]).logits,
            labels: [1, 2, 3, 4])
    }
    let layer = TransformerEncoderLayer(dModel: 4, heads: 2, feedForward: 6, dropout: 0, rng: &rng)
    let x = randomTensor([2, 3, 4], seed: 66)
    checkGradients(layer, samples: 3) {
        weightedSum(layer(x, mask: AttentionMask.causal(queryCount: 3, keyCount: 3)).output)
    }
}
