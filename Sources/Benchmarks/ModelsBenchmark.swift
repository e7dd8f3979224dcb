import Foundation
import SequenceModels
import Tensors

/// `bench models [steps]`: training steps per second of a GRU seq2seq with additive attention
/// (embedding 32, hidden 64, batch 64, source and target length 10, vocabulary 15), the model of
/// tools/bench/models_torch.py. Tensors picks OpenBLAS's thread count per product size.
func runModelsBenchmark(arguments: [String]) {
    let steps = arguments.count > 0 ? Int(arguments[0]) ?? 100 : 100
    let data = SequenceTasks.reverse(count: 64 * 20, lengths: 10...10, symbols: 10, validationFraction: 0, seed: 1)
    let batches = data.trainingBatches(size: 64)
    let model = Seq2Seq(Seq2SeqConfiguration(for: data, embeddingSize: 32, hiddenSize: 64, cell: .gru,
                                             attention: .additive, attentionHidden: 64), seed: 1)
    let configuration = TrainingConfiguration(
        epochs: 1, batchSize: 64, learningRate: 1e-3, clipNorm: 1, seed: 1, evaluateEvery: 0)
    func run(_ n: Int) -> Double {
        let history = TrainingLoop.run(
            parameters: model.parameters, configuration: configuration,
            batches: { _ in (0..<n).map { batches[$0 % batches.count] } }, loss: { model.loss($0) })
        return Double(n) / history.totalSeconds
    }
    _ = run(10)  // warm-up
    let rate = run(steps)
    print("models: GRU seq2seq + additive attention (emb 32, hidden 64, batch 64, length 10, vocab \(data.sourceVocabulary.count)), "
        + "\(model.parameterCount) parameters, BLAS threads up to \(BLASEnvironment.threadCount), OpenBLAS core \(BLASEnvironment.coreName)")
    print(String(format: "swift: %.1f steps/s (%.2f ms/step) over %d steps", rate, 1000 / rate, steps))
}
