import SequenceModels
import Tensors
import Testing

/// The small Transformer learns the copy task (fixed seeds, release mode).
@Suite struct TransformerLearningTests {
    static func rows(_ flat: [Int], width: Int) -> [[Int]] {
        stride(from: 0, to: flat.count, by: width).map { Array(flat[$0..<($0 + width)]) }
    }

    @Test func smallTransformerSolvesTheCopyTask() {
        let data = SequenceTasks.copy(count: 3000, lengths: 4...8, symbols: 8, validationFraction: 0.1, seed: 3)
        var rng = RandomGenerator(seed: 7)
        let model = Transformer(
            TransformerConfiguration(
                sourceVocabulary: data.sourceVocabulary.count, targetVocabulary: data.targetVocabulary.count,
                dModel: 32, heads: 4, feedForward: 64, encoderLayers: 2, decoderLayers: 2, dropout: 0, maxLength: 16),
            rng: &rng)
        func loss(_ batch: SequenceBatch) -> Tensor {
            let output = model(
                source: Self.rows(batch.sourceIDs, width: batch.sourceLength), sourceLengths: batch.sourceLengths,
                target: Self.rows(batch.decoderInputIDs, width: batch.targetLength))
            return crossEntropy(logits: output.logits, labels: batch.targetIDs, ignoreIndex: Vocabulary.pad)
        }
        let configuration = TrainingConfiguration(
            epochs: 12, batchSize: 64, schedule: NoamSchedule(modelSize: 32, warmupSteps: 100, factor: 1),
            clipNorm: 1, seed: 1, evaluateEvery: 0)
        let history = TrainingLoop.run(
            parameters: model.parameters, configuration: configuration,
            batches: { epoch in data.trainingBatches(size: 64, shuffleSeed: UInt64(epoch + 1)) }, loss: loss)
        model.setTraining(false)
        var predictions: [[Int]] = []
        var references: [[Int]] = []
        for batch in data.validationBatches(size: 100) {
            predictions += model.greedyDecode(
                Self.rows(batch.sourceIDs, width: batch.sourceLength), sourceLengths: batch.sourceLengths,
                bos: Vocabulary.bos, eos: Vocabulary.eos, maxLength: batch.targetLength + 2
            ).map { $0 + [Vocabulary.eos] }
            references += batch.targetRows
        }
        let exact = SequenceMetrics.sequenceAccuracy(predictions: predictions, references: references)
        print(
            "transformer copy: loss \(history.epochLosses.first!) → \(history.epochLosses.last!), exact match \(exact)")
        #expect(exact >= 0.95, "validation exact match \(exact)")
    }
}
