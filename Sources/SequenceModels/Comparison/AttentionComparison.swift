import NotebookOutput
import Tensors

/// One trained variant of an attention comparison (one seed).
public struct AttentionRun {
    /// The variant (nil: the plain seq2seq without attention).
    public var attention: AttentionKind?
    /// `"additive"`, `"none"`, ….
    public var name: String
    /// The seed of the model's initialisation and of the batch order.
    public var seed: UInt64
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

/// One variant's final validation metrics over every seed of a comparison.
public struct VariantSpread {
    /// The variant's name (`"additive"`, `"none"`, …).
    public var name: String
    /// Exact-match accuracy (0…1) per seed.
    public var sequenceAccuracy: SeedSpread
    /// Token accuracy (0…1) per seed.
    public var tokenAccuracy: SeedSpread
    /// Corpus BLEU (0…1) per seed.
    public var bleu: SeedSpread
    /// Validation loss per seed.
    public var validationLoss: SeedSpread
    /// Training loss of the last epoch per seed.
    public var trainingLoss: SeedSpread
}

/// The result of `compareAttention`: the runs and their NotebookOutput views.
public struct AttentionComparison {
    /// The task's name.
    public var taskName: String
    /// The seeds, in the order they were run.
    public var seeds: [UInt64]
    /// The runs of the first seed, one per variant in the order asked: the curves and heatmaps
    /// show these.
    public var runs: [AttentionRun]
    /// Every run: `runsBySeed[s][v]` is variant `v` trained with `seeds[s]`.
    public var runsBySeed: [[AttentionRun]]

    /// Wraps the runs of every seed (`runsBySeed[s][v]`); `runs` are the first seed's.
    public init(taskName: String, seeds: [UInt64], runsBySeed: [[AttentionRun]]) {
        self.taskName = taskName
        self.seeds = seeds
        self.runsBySeed = runsBySeed
        runs = runsBySeed.first ?? []
    }

    /// Each variant's final metrics over all seeds, in the order asked.
    public var spreads: [VariantSpread] {
        runs.indices.map { v in
            let all = runsBySeed.map { $0[v] }
            func spread(_ value: (AttentionRun) -> Double) -> SeedSpread { SeedSpread(all.map(value)) }
            return VariantSpread(
                name: runs[v].name, sequenceAccuracy: spread { $0.result.sequenceAccuracy },
                tokenAccuracy: spread { $0.result.tokenAccuracy }, bleu: spread { $0.result.bleu },
                validationLoss: spread { $0.result.loss },
                trainingLoss: spread { Double($0.history.epochLosses.last ?? .nan) })
        }
    }

    /// The spread of the variant named `name` (nil when it was not compared).
    public func spread(_ name: String) -> VariantSpread? { spreads.first { $0.name == name } }

    /// Final loss, accuracies, BLEU, parameter count and training time, one row per variant.
    /// With several seeds every metric is the mean over seeds, followed by its standard
    /// deviation in a `± sd` column (percentage points for the accuracies and BLEU); time and
    /// steps/s are means per run.
    public var table: Table {
        let many = seeds.count > 1
        let metricColumns = ["train loss", "val loss", "token acc.", "sequence acc.", "BLEU"]
        let columns =
            ["attention"] + (many ? metricColumns.flatMap { [$0, "\($0) ± sd"] } : metricColumns)
            + ["parameters", "time (s)", "steps/s"]
        let loss: (Double) -> String = { formatted($0, digits: 4) }
        let points: (Double) -> String = { formatted($0 * 100, digits: 1) }
        let rows = zip(runs.indices, spreads).map { v, s -> [String] in
            // (spread, how to show the mean, how to show the deviation)
            let cells: [(SeedSpread, (Double) -> String, (Double) -> String)] = [
                (s.trainingLoss, loss, loss), (s.validationLoss, loss, loss),
                (s.tokenAccuracy, TrainingDisplay.percent, points),
                (s.sequenceAccuracy, TrainingDisplay.percent, points), (s.bleu, points, points),
            ]
            let metrics = cells.flatMap { spread, mean, deviation in
                many ? [mean(spread.mean), deviation(spread.sd)] : [mean(spread.mean)]
            }
            let all = runsBySeed.map { $0[v] }
            let seconds = all.map(\.history.totalSeconds).reduce(0, +) / Double(all.count)
            let rate = all.map(\.history.stepsPerSecond).reduce(0, +) / Double(all.count)
            return [s.name] + metrics + [
                "\(runs[v].parameterCount)", formatted(seconds, digits: 1), formatted(rate, digits: 1),
            ]
        }
        let seedNote = many ? " (mean and standard deviation over \(seeds.count) seeds)" : ""
        return Table(columns: columns, rows: rows, caption: "Attention variants on \(taskName)\(seedNote)")
    }

    /// Training loss and validation sequence accuracy per epoch, one series per variant.
    public var curves: Panels {
        let named = runs.map { (name: $0.name, history: $0.history) }
        return Panels(
            [
                .lineChart(TrainingDisplay.curves(named, metric: .trainingLoss)),
                .lineChart(TrainingDisplay.curves(named, metric: .validationLoss)),
                .lineChart(TrainingDisplay.curves(named, metric: .sequenceAccuracy)),
            ],
            title: "Learning curves")
    }

    /// The attention of each variant on the same sample sentence, side by side (variants
    /// without attention weights are left out).
    public var heatmaps: Panels {
        AttentionDisplay.panels(
            runs.filter { !$0.sample.weights.isEmpty }.map { $0.sample.heatmap(title: $0.name) },
            title: "Attention on one validation sentence")
    }

    /// Token accuracy by source length, one series per variant.
    public var lengthCurves: LineChart {
        TrainingDisplay.lengthCurves(runs.map { (name: $0.name, buckets: $0.buckets) })
    }

    /// Everything above as one output: table, curves, length curves, heatmaps.
    public var output: RichOutput {
        .panels(
            Panels(
                [.table(table), .panels(curves), .lineChart(lengthCurves), .panels(heatmaps)],
                title: "Attention comparison"))
    }
}

/// Trains the same encoder-decoder once per attention variant and seed on `task` (for one
/// seed: same initialisation, same sizes, same batches in the same order) and compares them:
/// one notebook cell for "compare attention variants". Several `seeds` give each variant's mean
/// and standard deviation (`spreads`, the table's `± sd` columns), so a lesson can say which
/// differences are within seed noise.
///
/// `variants` may contain nil for the plain seq2seq (fixed context vector). The sample
/// heatmap uses validation example `sampleIndex` (the longest one when nil). `progress`
/// receives the variant's name (with `@seed` when there are several seeds) with each report.
///
/// ```swift
/// let cmp = compareAttention(variants: [.dot, .general, .additive], task: data, epochs: 5, seeds: [1, 2, 3])
/// display(cmp.table); cmp.spread("dot")!.sequenceAccuracy.overlaps(cmp.spread("general")!.sequenceAccuracy)
/// ```
public func compareAttention(
    variants: [AttentionKind?], task: SequenceDataset, epochs: Int, seeds: [UInt64],
    embeddingSize: Int = 32, hiddenSize: Int = 64, cell: RecurrentCellKind = .gru, batchSize: Int = 64,
    learningRate: Float = 3e-3, sampleIndex: Int? = nil,
    progress: ((String, TrainingProgress) -> Void)? = nil
) -> AttentionComparison {
    requireArgument(!seeds.isEmpty, "compareAttention needs at least one seed")
    let sample =
        sampleIndex.flatMap { task.validation.indices.contains($0) ? task.validation[$0] : nil }
        ?? task.validation.max { $0.source.count < $1.source.count }
    let runsBySeed = seeds.map { seed in
        let configuration = TrainingConfiguration(
            epochs: epochs, batchSize: batchSize, learningRate: learningRate, clipNorm: 1, seed: seed)
        return variants.map { kind -> AttentionRun in
            let name = kind.map(\.description) ?? "none"
            let label = seeds.count > 1 ? "\(name)@\(seed)" : name
            let model = Seq2Seq(
                Seq2SeqConfiguration(
                    for: task, embeddingSize: embeddingSize, hiddenSize: hiddenSize,
                    cell: cell, attention: kind), seed: seed)
            let history = train(model, on: task, configuration: configuration) { progress?(label, $0) }
            let (result, predictions, references) = evaluate(model, on: task.validation, of: task)
            let buckets = SequenceMetrics.lengthBuckets(
                sourceLengths: task.validation.map(\.source.count), predictions: predictions, references: references)
            let translation =
                sample.map { model.translate($0.source, in: task, maxLength: $0.target.count + 5) }
                ?? Translation(source: [], output: [], weights: [], rowLabels: [])
            return AttentionRun(
                attention: kind, name: name, seed: seed, model: model, history: history, result: result,
                parameterCount: model.parameterCount, buckets: buckets, sample: translation)
        }
    }
    return AttentionComparison(taskName: task.name, seeds: seeds, runsBySeed: runsBySeed)
}

/// `compareAttention` with one seed (no spread: the table has no `± sd` columns).
public func compareAttention(
    variants: [AttentionKind?], task: SequenceDataset, epochs: Int, seed: UInt64,
    embeddingSize: Int = 32, hiddenSize: Int = 64, cell: RecurrentCellKind = .gru, batchSize: Int = 64,
    learningRate: Float = 3e-3, sampleIndex: Int? = nil,
    progress: ((String, TrainingProgress) -> Void)? = nil
) -> AttentionComparison {
    compareAttention(
        variants: variants, task: task, epochs: epochs, seeds: [seed], embeddingSize: embeddingSize,
        hiddenSize: hiddenSize, cell: cell, batchSize: batchSize, learningRate: learningRate,
        sampleIndex: sampleIndex, progress: progress)
}
