import Foundation
import SequenceModels
import Tensors
import Testing

/// Milliseconds per call of `body` (median of `runs` after one warm-up).
func milliseconds(runs: Int = 10, _ body: () -> Void) -> Double {
    body()
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    return times.sorted()[runs / 2]
}

/// Training-step timings at the lesson sizes. Opt-in (`SEQUENCE_MODELS_TIMING=1`), because other
/// builds share the machine; each run still checks that the losses are finite and decrease.
@Test(.enabled(if: ProcessInfo.processInfo.environment["SEQUENCE_MODELS_TIMING"] == "1"))
func lessonSizedTrainingSteps() {
    var rng = RandomGenerator(seed: 1)
    let batch = 64
    let time = 10
    let vocab = 20
    let tokens = (0..<batch).map { b in (0..<time).map { (b * 7 + $0 * 3) % (vocab - 3) + 3 } }
    let labels = tokens.flatMap { $0.reversed() }
    // GRU encoder + GRU decoder with additive attention, teacher forcing (seq2seq shape).
    let embed = Embedding(vocabularySize: vocab, dim: 32, rng: &rng)
    let encoder = GRU(inputSize: 32, hiddenSize: 64, rng: &rng)
    let decoderCell = GRUCell(inputSize: 32 + 64, hiddenSize: 64, rng: &rng)
    let attention = makeAttention(.additive, queryDim: 64, keyDim: 64, hidden: 64, rng: &rng)
    let output = Linear(128, vocab, rng: &rng)
    struct Bag: Module {
        let parts: [any Module]
        var namedParameters: [NamedParameter] { parts.enumerated().flatMap { $1.namedParameters.prefixed("\($0)") } }
    }
    let model = Bag(parts: [embed, encoder, decoderCell, attention, output])
    let adam = Adam(learningRate: 3e-3)
    var losses: [Float] = []
    let seq2seq = milliseconds {
        let loss = backpropagate {
            let enc = encoder(embed(tokens), lengths: [Int](repeating: time, count: batch))
            var state = RecurrentState(hidden: enc.lastLayerHidden(directions: 1))
            let targetIn = embed(tokens.map { [1] + $0.reversed().dropLast() })
            var context = Tensor.zeros([batch, 64])
            var logits: [Tensor] = []
            for t in 0..<time {
                let x = Tensor.concatenate([targetIn.select(axis: 1, index: t), context], axis: 1)
                state = decoderCell(x, state: state)
                context = attention(query: state.hidden, keys: enc.outputs).context
                logits.append(output(Tensor.concatenate([state.hidden, context], axis: 1)))
            }
            return crossEntropy(logits: Tensor.stack(logits, axis: 1), labels: labels)
        }
        adam.step(model)
        model.zeroGradients()
        losses.append(loss.item())
    }
    #expect(losses.allSatisfy(\.isFinite) && losses.last! < losses.first!)

    let gruOnly = milliseconds {
        backpropagate { encoder(embed(tokens)).outputs.squared().mean() }
        model.zeroGradients()
    }

    // Transformer: d 64, 2 + 2 layers, 4 heads, FFN 128, batch 64, length 12.
    let tLen = 12
    let src = (0..<batch).map { b in (0..<tLen).map { (b * 5 + $0 * 3) % (vocab - 3) + 3 } }
    let transformer = Transformer(TransformerConfiguration(sourceVocabulary: vocab, targetVocabulary: vocab), rng: &rng)
    let tAdam = Adam(learningRate: 1e-3)
    var tLosses: [Float] = []
    let transformerStep = milliseconds {
        let loss = backpropagate {
            crossEntropy(
                logits: transformer(source: src, target: src.map { [1] + $0.dropLast() }).logits,
                labels: src.flatMap { $0 }, labelSmoothing: 0.1)
        }
        tAdam.step(transformer)
        transformer.zeroGradients()
        tLosses.append(loss.item())
    }
    #expect(tLosses.allSatisfy(\.isFinite) && tLosses.last! < tLosses.first!)
    transformer.setTraining(false)
    var cachedTokens: [[Int]] = []
    var uncachedTokens: [[Int]] = []
    let cached = milliseconds(runs: 3) {
        cachedTokens = transformer.greedyDecode(src, bos: 1, eos: 2, maxLength: tLen, useCache: true)
    }
    let uncached = milliseconds(runs: 3) {
        uncachedTokens = transformer.greedyDecode(src, bos: 1, eos: 2, maxLength: tLen, useCache: false)
    }
    #expect(cachedTokens == uncachedTokens)
    print(
        String(
            format: "timing: GRU encoder fwd+bwd %.2f ms; GRU+additive-attention seq2seq step %.2f ms; "
                + "Transformer step %.2f ms; greedy decode 64×12 cached %.2f ms, uncached %.2f ms; "
                + "decoded lengths %@", gruOnly, seq2seq, transformerStep, cached, uncached,
            "\(cachedTokens.prefix(4).map(\.count))"))
}
