import Foundation
import SequenceModels
import Tensors
import Testing

@Suite struct Seq2SeqTests {
    let data = SequenceTasks.reverse(count: 60, lengths: 3...6, symbols: 6, seed: 1)

    func model(_ attention: AttentionKind?, cell: RecurrentCellKind = .gru) -> Seq2Seq {
        Seq2Seq(
            Seq2SeqConfiguration(for: data, embeddingSize: 8, hiddenSize: 12, cell: cell, attention: attention), seed: 9
        )
    }

    @Test(arguments: [RecurrentCellKind.gru, .lstm])
    func decoderStepExposesItsInternals(cell: RecurrentCellKind) {
        let m = model(.general, cell: cell)
        let batch = SequenceBatch(
            Array(data.train.prefix(3)), sourceVocabulary: data.sourceVocabulary,
            targetVocabulary: data.targetVocabulary)
        let memory = m.encode(batch)
        let step = m.decoder.step(
            [Vocabulary.bos, Vocabulary.bos, Vocabulary.bos],
            state: m.decoder.initialState(memory), memory: memory, inspect: true)
        let (b, s, h) = (3, batch.sourceLength, 12)
        #expect(step.hidden.shape == [b, h] && step.context.shape == [b, h])
        #expect(step.concatenated.shape == [b, 2 * h] && step.attentional.shape == [b, h])
        #expect(step.logits.shape == [b, data.targetVocabulary.count])
        let weights = step.weights!
        let scores = step.scores!
        #expect(weights.shape == [b, s] && scores.shape == [b, s])
        for r in 0..<b {
            let len = batch.sourceLengths[r]
            let w = (0..<s).map { weights.element(at: [r, $0]) }
            #expect(abs(w.reduce(0, +) - 1) < 1e-5)
            #expect(w[len...].allSatisfy { $0 < 1e-7 }, "padding weights \(w[len...])")
            // weights = softmax(scores) over the real tokens.
            let e = (0..<len).map { exp(scores.element(at: [r, $0])) }
            for j in 0..<len { #expect(abs(w[j] - e[j] / e.reduce(0, +)) < 1e-5) }
            // context = Σ αⱼ hⱼ; concatenated = [s; c]; h̃ = tanh(W_c [s; c] + b).
            for k in 0..<h {
                let c = (0..<s).map { w[$0] * memory.outputs.element(at: [r, $0, k]) }.reduce(0, +)
                #expect(abs(step.context.element(at: [r, k]) - c) < 1e-5)
                #expect(step.concatenated.element(at: [r, k]) == step.hidden.element(at: [r, k]))
                #expect(step.concatenated.element(at: [r, h + k]) == step.context.element(at: [r, k]))
                let wc = m.decoder.combine.weight.value
                let bc = m.decoder.combine.bias!.value
                let pre = (0..<(2 * h)).map { wc.element(at: [k, $0]) * step.concatenated.element(at: [r, $0]) }.reduce(
                    0, +)
                #expect(abs(step.attentional.element(at: [r, k]) - tanh(pre + bc.element(at: [k]))) < 1e-5)
            }
        }
        #expect(step.words == step.logits.argmaxIndices(axis: -1))
    }

    @Test func plainSeq2SeqUsesTheFinalEncoderStateAsContext() {
        let m = model(nil)
        let batch = SequenceBatch(
            Array(data.train.prefix(2)), sourceVocabulary: data.sourceVocabulary,
            targetVocabulary: data.targetVocabulary)
        let memory = m.encode(batch)
        let step = m.decoder.step(
            [Vocabulary.bos, Vocabulary.bos], state: m.decoder.initialState(memory), memory: memory)
        #expect(step.weights == nil && step.scores == nil)
        #expect(step.context == memory.finalState.hidden)
        // The final state is the encoder output at each row's last real token.
        for r in 0..<2 {
            let last = batch.sourceLengths[r] - 1
            #expect(
                abs(memory.finalState.hidden.element(at: [r, 0]) - memory.outputs.element(at: [r, last, 0])) < 1e-6)
        }
    }

    @Test func teacherForcedLossMatchesCrossEntropy() {
        let m = model(.dot)
        let batch = data.trainingBatches(size: 8)[0]
        let logits = m.teacherForcedLogits(batch)
        #expect(logits.shape == [batch.batchSize, batch.targetLength, data.targetVocabulary.count])
        let lp = logits.logSoftmax(axis: -1)
        var total: Float = 0
        var n = 0
        for b in 0..<batch.batchSize {
            for t in 0..<batch.targetLengths[b] {
                total -= lp.element(at: [b, t, batch.targetIDs[b * batch.targetLength + t]])
                n += 1
            }
        }
        #expect(abs(m.loss(batch).item() - total / Float(n)) < 1e-4)
    }

    @Test func beamOfWidthOneIsGreedyAndScoresAreLogProbabilities() {
        let m = model(.additive)
        let ex = data.validation[0]
        let ids = data.sourceVocabulary.encode(ex.source)
        let batch = SequenceBatch(
            [ex], sourceVocabulary: data.sourceVocabulary, targetVocabulary: data.targetVocabulary)
        let greedy = m.greedyDecode(batch, maxLength: 10)[0]
        #expect(m.beamSearch(ids, beamWidth: 1, maxLength: 10).first?.tokens == greedy)
        let beams = m.beamSearch(ids, beamWidth: 3, maxLength: 10, lengthPenalty: 0.7)
        #expect(!beams.isEmpty && beams.count <= 3 + 3)
        #expect(zip(beams, beams.dropFirst()).allSatisfy { $0.score >= $1.score })
        for h in beams where h.isFinished {
            #expect(h.tokens.last == Vocabulary.eos && h.weights.count == h.tokens.count)
            // Rescore with teacher forcing: log P = −(sum of token cross-entropies).
            let target = h.tokens.dropLast().map { data.targetVocabulary.token($0) }
            let b = SequenceBatch(
                [SequenceExample(source: ex.source, target: Array(target))],
                sourceVocabulary: data.sourceVocabulary, targetVocabulary: data.targetVocabulary)
            let nll = Double(m.loss(b).item()) * Double(h.tokens.count)
            #expect(abs(-nll - h.logProbability) < 1e-3)
            #expect(abs(h.score - h.logProbability / pow(Double(h.tokens.count), 0.7)) < 1e-9)
        }
    }

    @Test(arguments: AttentionKind.allExamples)
    func everyAttentionKindPlugsIn(kind: AttentionKind) {
        let m = model(kind)
        let batch = data.trainingBatches(size: 4)[0]
        let (loss, grads) = valueWithGradient(of: m) { m.loss(batch) }
        #expect(loss.item().isFinite && loss.item() > 0)
        #expect(grads.keys.contains { $0.hasPrefix("decoder.attention") } || kind == .dot || kind == .scaledDot)
        #expect(grads["encoder.embedding.weight"].map { $0.scalars.contains { $0 != 0 } } == true)
        let t = m.translate(data.validation[0].source, in: data, maxLength: 8)
        #expect(t.weights.count == t.rowLabels.count && t.weights.allSatisfy { $0.count == t.source.count })
    }
}
