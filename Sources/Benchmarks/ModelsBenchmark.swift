import Foundation
import SequenceModels
import Tensors

/// `bench models [steps] [threads] [gru|transformer|all]`: training steps per second of the two
/// lesson-sized models that tools/bench/models_torch.py builds identically in PyTorch:
///
/// - `gru`: GRU seq2seq with additive attention and input feeding (embedding 32, hidden 64,
///   batch 64, source and target length 10, vocabulary 15), Adam 1e-3, global-norm clip 1;
/// - `transformer`: post-norm encoder-decoder Transformer (d_model 64, 2 + 2 layers, 4 heads,
///   FFN 128, dropout 0, sinusoidal positions; batch 64, source and target length 12, vocabulary
///   16), Adam 1e-3, cross-entropy with label smoothing 0.1, global-norm clip 1.
///
/// `threads` (default 1) becomes OPENBLAS_NUM_THREADS and, like OPENBLAS_CORETYPE, must be in the
/// environment when OpenBLAS loads, so the benchmark re-executes itself when either differs.
/// Tensors then picks one or all of those threads per product size. Output lines are
/// `swift <model>: <rate> steps/s ...` (tools/bench/models_compare.py parses them).
func runModelsBenchmark(arguments: [String]) {
    let steps = arguments.count > 0 ? Int(arguments[0]) ?? 100 : 100
    let threads = arguments.count > 1 ? Int(arguments[1]) ?? 1 : 1
    let which = arguments.count > 2 ? arguments[2] : "all"
    reexecForModelsBenchmark(threads: threads)
    print(
        "models: OpenBLAS core \(BLASEnvironment.coreName) (OPENBLAS_CORETYPE="
            + "\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "unset")), BLAS threads up to \(BLASEnvironment.threadCount)"
    )
    for name in ["gru", "transformer"] where which == "all" || which == name {
        if let model = BenchmarkModel.named(name) { benchmark(model, steps: steps) }
    }
}

/// Re-executes with the recommended OPENBLAS_CORETYPE and OPENBLAS_NUM_THREADS = `threads` when
/// the environment holds other values (OpenBLAS reads both when it loads, before `main`).
private func reexecForModelsBenchmark(threads: Int) {
    #if os(Linux)
        var extra = BLASEnvironment.recommendedEnvironment()
        if ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] != String(threads) {
            extra["OPENBLAS_NUM_THREADS"] = String(threads)
        }
        guard !extra.isEmpty else { return }
        for (key, value) in extra { setenv(key, value, 1) }
        let args = CommandLine.arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", args)
    #endif
}

/// One of the two benchmark models: its parameters, a fixed set of batches and the loss of
/// batch i (built the same way in tools/bench/models_torch.py).
struct BenchmarkModel {
    let name: String
    let parameters: [Parameter]
    let batchCount: Int
    let loss: (Int) -> Tensor

    /// `gru` or `transformer`; prints the model's description line first.
    static func named(_ name: String) -> BenchmarkModel? {
        switch name {
        case "gru": gruSeq2Seq()
        case "transformer": transformer()
        default: nil
        }
    }

    /// Runs `steps` training steps (Adam lr 1e-3, clip 1) over the batches in turn and returns
    /// the training history.
    func train(steps: Int) -> TrainingHistory {
        let configuration = TrainingConfiguration(
            epochs: 1, batchSize: 64, learningRate: 1e-3, clipNorm: 1, seed: 1, evaluateEvery: 0)
        let count = batchCount
        return TrainingLoop.run(
            parameters: parameters, configuration: configuration,
            batches: { _ in (0..<steps).map { $0 % count } }, loss: loss)
    }

    private static func gruSeq2Seq() -> BenchmarkModel {
        let data = SequenceTasks.reverse(count: 64 * 20, lengths: 10...10, symbols: 10, validationFraction: 0, seed: 1)
        let batches = data.trainingBatches(size: 64)
        let model = Seq2Seq(
            Seq2SeqConfiguration(
                for: data, embeddingSize: 32, hiddenSize: 64, cell: .gru,
                attention: .additive, attentionHidden: 64), seed: 1)
        print(
            "models: gru = GRU seq2seq + additive attention (emb 32, hidden 64, batch 64, length 10, vocab "
                + "\(data.sourceVocabulary.count)), \(model.parameterCount) parameters")
        return BenchmarkModel(name: "gru", parameters: model.parameters, batchCount: batches.count) {
            model.loss(batches[$0])
        }
    }

    /// One teacher-forced batch: source, decoder input (BOS + target shifted right) and labels.
    private struct TransformerBatch {
        var source: [[Int]], sourceLengths: [Int], decoderInput: [[Int]], labels: [Int]
    }

    private static func transformer() -> BenchmarkModel {
        let (vocabulary, batchSize, length, bos) = (16, 64, 12, 1)
        var rng = RandomGenerator(seed: 1)
        // 20 batches of the reverse task over tokens 3..<16 (0 pad, 1 BOS, 2 EOS), no padding
        let batches: [TransformerBatch] = (0..<20).map { _ in
            let source = (0..<batchSize).map { _ in
                (0..<length).map { _ in 3 + Int(rng.next() % UInt64(vocabulary - 3)) }
            }
            let target = source.map { Array($0.reversed()) }
            return TransformerBatch(
                source: source, sourceLengths: Array(repeating: length, count: batchSize),
                decoderInput: target.map { [bos] + $0.dropLast() }, labels: target.flatMap { $0 })
        }
        let configuration = TransformerConfiguration(
            sourceVocabulary: vocabulary, targetVocabulary: vocabulary, dModel: 64, heads: 4, feedForward: 128,
            encoderLayers: 2, decoderLayers: 2, dropout: 0, maxLength: 64, placement: .postNorm)
        var initRNG = RandomGenerator(seed: 1)
        let model = Transformer(configuration, rng: &initRNG)
        model.setTraining(true)
        print(
            "models: transformer = post-norm Transformer (d_model 64, 2+2 layers, 4 heads, ff 128, dropout 0, "
                + "batch \(batchSize), length \(length), vocab \(vocabulary), label smoothing 0.1), \(model.parameterCount) parameters"
        )
        return BenchmarkModel(name: "transformer", parameters: model.parameters, batchCount: batches.count) { i in
            let b = batches[i]
            let logits = model(source: b.source, sourceLengths: b.sourceLengths, target: b.decoderInput).logits
            return crossEntropy(logits: logits, labels: b.labels, ignoreIndex: 0, labelSmoothing: 0.1)
        }
    }
}

/// Warm-up (10 steps), then `steps` steps: prints `swift <model>: <rate> steps/s ...`.
private func benchmark(_ model: BenchmarkModel, steps: Int) {
    _ = model.train(steps: 10)
    let history = model.train(steps: steps)
    let rate = Double(steps) / history.totalSeconds
    print(String(format: "swift %@: %.1f steps/s (%.2f ms/step) over %d steps", model.name, rate, 1000 / rate, steps))
}
