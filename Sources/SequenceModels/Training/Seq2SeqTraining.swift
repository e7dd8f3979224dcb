import Tensors

/// Scores `model` on `examples` of `dataset`: teacher-forced loss, and greedy decoding's token
/// accuracy, exact-match accuracy and corpus BLEU (tokens before `<eos>`), without gradients.
/// Decoding runs up to the longest target + `extraLength` steps.
public func evaluate(
    _ model: some SequenceToSequenceModel, on examples: [SequenceExample], of dataset: SequenceDataset,
    batchSize: Int = 128, extraLength: Int = 5
) -> (result: EvaluationResult, predictions: [[Int]], references: [[Int]]) {
    withoutGradient {
        let batches = SequenceBatch.batches(
            examples, sourceVocabulary: dataset.sourceVocabulary, targetVocabulary: dataset.targetVocabulary,
            size: batchSize)
        var lossSum = 0.0
        var tokens = 0
        var predictions: [[Int]] = []
        var references: [[Int]] = []
        for batch in batches {
            let n = batch.targetLengths.reduce(0, +)
            lossSum += Double(model.loss(batch).item()) * Double(n)
            tokens += n
            predictions += model.greedyDecode(batch, maxLength: batch.targetLength + extraLength)
            references += batch.targetRows
        }
        let strip: ([Int]) -> [Int] = { Array($0.prefix { $0 != Vocabulary.eos && $0 != Vocabulary.pad }) }
        let bleu = corpusBLEU(hypotheses: predictions.map(strip), references: references.map(strip)).score
        let result = EvaluationResult(
            loss: tokens == 0 ? 0 : lossSum / Double(tokens),
            tokenAccuracy: SequenceMetrics.tokenAccuracy(predictions: predictions, references: references),
            sequenceAccuracy: SequenceMetrics.sequenceAccuracy(predictions: predictions, references: references),
            bleu: bleu)
        return (result, predictions, references)
    }
}

/// Trains `model` on `dataset.train` with Adam (teacher forcing), evaluating on
/// `dataset.validation` as `configuration.evaluateEvery` says, and reports progress.
///
/// Batches are reshuffled every epoch with a seed derived from `configuration.seed`, so a run
/// is reproducible. Returns the loss/accuracy history (see `TrainingHistory.lossChart()`).
///
/// ```swift
/// let history = train(model, on: data, configuration: .init(epochs: 10, seed: 1)) { p in
///     reportProgress(p.fraction, p.description)
/// }
/// ```
@discardableResult
public func train(
    _ model: some SequenceToSequenceModel, on dataset: SequenceDataset, configuration: TrainingConfiguration,
    validationLimit: Int? = nil, progress: ((TrainingProgress) -> Void)? = nil
) -> TrainingHistory {
    let validation = validationLimit.map { Array(dataset.validation.prefix($0)) } ?? dataset.validation
    return TrainingLoop.run(
        parameters: model.parameters, configuration: configuration,
        batches: { epoch in
            dataset.trainingBatches(
                size: configuration.batchSize,
                shuffleSeed: configuration.seed &* 1_000_003 &+ UInt64(epoch))
        },
        loss: { model.loss($0) },
        evaluate: validation.isEmpty ? nil : { _ in evaluate(model, on: validation, of: dataset).result },
        progress: progress)
}
