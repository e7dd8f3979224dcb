import NotebookOutput
import Tensors

/// One trained variant of an attention comparison.
public struct AttentionRun {
    /// The variant (nil: the plain seq2seq without attention).
    public var attention: AttentionKind?
    /// `"additive"`, `"none"`, ….
    public var name: String
    /// The trained model.
    public var model: Seq2Seq
    /// Its training record.
    public var history: TrainingHistory
    /// The final validation metrics.
    public var result: EvaluationResult
    /// Trainable scalars.
    public var parameterCount: Int
    /// Validation accuracy by source length.
    public var buckets: [LengthBucket]
    /// The attention of the sample sentence (see `compareAttention`).
    public var sample: Translation
}

/// The result of `compareAttention`: the runs and their NotebookOutput views.
public struct AttentionComparison {
    /// The task's name.
    public var taskName: String
    /// One run per variant, in the order asked.
    public var runs: [AttentionRun]

    /// Final loss, accuracies, BLEU, parameter count and training time, one row per variant.
    public var table: Table {
        Table(
            columns: ["attention", "train loss", "val loss", "token acc.", "sequence acc.", "BLEU", "parameters", "time (s)", "steps/s"],
            rows: runs.map { r in
                [r.name, formatted(r.history.epochLosses.last ?? .nan, digits: 4), formatted(r.result.loss, digits: 4),
                 TrainingDisplay.percent(r.result.tokenAccuracy), TrainingDisplay.percent(r.result.sequenceAccuracy),
                 formatted(r.result.bleu * 100, digits: 1), "\(r.parameterCount)",
                 formatted(r.history.totalSeconds, digits: 1), formatted(r.history.stepsPerSecond, digits: 1)]
            },
            caption: "Attention variants on \(taskName)")
    }

    /// Training loss and validation sequence accuracy per epoch, one series per variant.
    public var curves: Panels {
        let named = runs.map { (name: $0.name, history: $0.history) }
        return Panels([.lineChart(TrainingDisplay.curves(named, metric: .trainingLoss)),
                       .lineChart(TrainingDisplay.curves(named, metric: .validationLoss)),
                       .lineChart(TrainingDisplay.curves(named, metric: .sequenceAccuracy))],
                      title: "Learning curves")
    }

    /// The attention of each variant on the same sample sentence, side by side (variants
    /// without attention weights are left out).
    public var heatmaps: Panels {
        AttentionDisplay.panels(runs.filter { !$0.sample.weights.isEmpty }.map { $0.sample.heatmap(title: $0.name) },
                                title: "Attention on one validation sentence")
    }

    /// Token accuracy by source length, one series per variant.
    public var lengthCurves: LineChart {
        TrainingDisplay.lengthCurves(runs.map { (name: $0.name, buckets: $0.buckets) })
    }

    /// Everything above as one output: table, curves, length curves, heatmaps.
    public var output: RichOutput {
        .panels(Panels([.table(table), .panels(curves), .lineChart(lengthCurves), .panels(heatmaps)],
                       title: "Attention comparison"))
    }
}

/// Trains the same encoder-decoder once per attention variant on `task` (same seed, same
/// sizes, same batches) and compares them: one notebook cell for "compare attention variants".
///
/// `variants` may contain nil for the plain seq2seq (fixed context vector). The sample
/// heatmap uses validation example `sampleIndex` (the longest one when nil). `progress`
/// receives the variant's name with each progress report.
///
/// ```swift
/// let cmp = compareAttention(variants: [.dot, .general, .additive], task: data, epochs: 5, seed: 1)
/// display(cmp.table); display(cmp.curves); display(cmp.heatmaps)
/// ```
public func compareAttention(
    variants: [AttentionKind?], task: SequenceDataset, epochs: Int, seed: UInt64,
    embeddingSize: Int = 32, hiddenSize: Int = 64, cell: RecurrentCellKind = .gru, batchSize: Int = 64,
    learningRate: Float = 3e-3, sampleIndex: Int? = nil,
    progress: ((String, TrainingProgress) -> Void)? = nil
) -> AttentionComparison {
    let sample = sampleIndex.flatMap { task.validation.indices.contains($0) ? task.validation[$0] : nil }
        ?? task.validation.max { $0.source.count < $1.source.count }
    let configuration = TrainingConfiguration(
        epochs: epochs, batchSize: batchSize, learningRate: learningRate, clipNorm: 1, seed: seed)
    let runs = variants.map { kind -> AttentionRun in
        let name = kind.map(\.description) ?? "none"
        let model = Seq2Seq(Seq2SeqConfiguration(for: task, embeddingSize: embeddingSize, hiddenSize: hiddenSize,
                                                 cell: cell, attention: kind), seed: seed)
        let history = train(model, on: task, configuration: configuration) { progress?(name, $0) }
        let (result, predictions, references) = evaluate(model, on: task.validation, of: task)
        let buckets = SequenceMetrics.lengthBuckets(
            sourceLengths: task.validation.map(\.source.count), predictions: predictions, references: references)
        let translation = sample.map { model.translate($0.source, in: task, maxLength: $0.target.count + 5) }
            ?? Translation(source: [], output: [], weights: [], rowLabels: [])
        return AttentionRun(attention: kind, name: name, model: model, history: history, result: result,
                            parameterCount: model.parameterCount, buckets: buckets, sample: translation)
    }
    return AttentionComparison(taskName: task.name, runs: runs)
}
