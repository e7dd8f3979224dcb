import SequenceModels
import Tensors
import Testing

@Test func bertMaskingFollowsThe80_10_10Rule() {
    var rng = RandomGenerator(seed: 71)
    let tokens = (0..<20_000).map { $0 % 50 == 0 ? 0 : 5 + $0 % 40 }  // 0 is padding (special)
    let m = maskTokens(tokens, maskToken: 1, randomTokens: 5..<45, specialTokens: [0], rng: &rng)
    let rate = Float(m.selected.count) / Float(tokens.filter { $0 != 0 }.count)
    #expect(abs(rate - 0.15) < 0.01)
    #expect(m.selected.allSatisfy { tokens[$0] != 0 })
    let masked = m.selected.filter { m.inputs[$0] == 1 }.count
    let kept = m.selected.filter { m.inputs[$0] == tokens[$0] }.count
    let n = Float(m.selected.count)
    #expect(abs(Float(masked) / n - 0.8) < 0.03)
    #expect(abs(Float(kept) / n - 0.1 - 0.1 / 40) < 0.03)  // unchanged, plus random draws of the same token
    for i in tokens.indices {
        if m.selected.contains(i) {
            #expect(m.labels[i] == tokens[i])
        } else {
            #expect(m.labels[i] == -100 && m.inputs[i] == tokens[i])
        }
    }
    var again = RandomGenerator(seed: 71)
    #expect(maskTokens(tokens, maskToken: 1, randomTokens: 5..<45, specialTokens: [0], rng: &again) == m)
}

@Test func bestSpanRespectsOrderAndMaximumLength() {
    let start: [Float] = [0, 5, 0, 0, 1]
    let end: [Float] = [9, 0, 0, 0, 4]
    // (1, 4) scores 9 but is 4 long; (0, 0) scores 9 too and comes first; end 0 before start 1 is not allowed.
    #expect(bestSpan(startLogits: start, endLogits: end, maxLength: 4).map { [$0.start, $0.end] } == [0, 0])
    #expect(
        bestSpan(startLogits: start, endLogits: end, maxLength: 4, allowed: 1..<5).map { [$0.start, $0.end] } == [1, 4])
    #expect(
        bestSpan(startLogits: start, endLogits: end, maxLength: 3, allowed: 1..<5).map { [$0.start, $0.end] } == [1, 1])
    #expect(bestSpan(startLogits: [], endLogits: [], maxLength: 3) == nil)
}

@Test func languageModelsProduceLogitsAndGradients() {
    var rng = RandomGenerator(seed: 72)
    let mlm = MaskedLanguageModel(
        vocabulary: 9, dModel: 8, heads: 2, feedForward: 12, layers: 1, dropout: 0,
        maxLength: 10, rng: &rng)
    let tokens = [[2, 3, 4, 0], [5, 6, 0, 0]]
    #expect(mlm(tokens, lengths: [3, 2]).shape == [2, 4, 9])
    checkGradients(mlm, samples: 2) {
        crossEntropy(logits: mlm(tokens, lengths: [3, 2]), labels: [-100, 3, -100, -100, 5, -100, -100, -100])
    }
    let head = SpanExtractionHead(dModel: 8, rng: &rng)
    let excluded = Tensor([[1, 0, 0, 1], [1, 0, 1, 1]])
    let (s, e) = head(mlm.encode(tokens).hidden, excluded: excluded)
    #expect(s.shape == [2, 4] && e.scalars[0] == -1e9)
    checkGradients(head, samples: 4) {
        let (s, e) = head(mlm.encode(tokens).hidden, excluded: excluded)
        return crossEntropy(logits: s, labels: [1, 1]) + crossEntropy(logits: e, labels: [2, 1])
    }

    let clm = CausalLanguageModel(
        vocabulary: 7, dModel: 8, heads: 2, feedForward: 12, layers: 2, dropout: 0,
        maxLength: 16, rng: &rng)
    let seq = [[1, 2, 3, 4, 5]]
    // Causality: the logits at position 2 do not depend on later tokens.
    let a = clm(seq).select(axis: 1, index: 2)
    let b = clm([[1, 2, 3, 6, 6]]).select(axis: 1, index: 2)
    expectClose(a, b, tolerance: 1e-6, "causal")
    checkGradients(clm, samples: 2) { crossEntropy(logits: clm([[1, 2, 3, 4]]), labels: [2, 3, 4, 5]) }
    let greedy = clm.generate(prompt: [1, 2], count: 5, rng: &rng)
    #expect(greedy.count == 7 && Array(greedy.prefix(2)) == [1, 2])
    #expect(clm.generate(prompt: [1, 2], count: 5, rng: &rng) == greedy)
    var r1 = RandomGenerator(seed: 5)
    var r2 = RandomGenerator(seed: 5)
    #expect(
        clm.generate(prompt: [3], count: 6, temperature: 1, rng: &r1)
            == clm.generate(prompt: [3], count: 6, temperature: 1, rng: &r2))
}
