import NotebookOutput

/// Curves and tables comparing several training runs.
public enum TrainingDisplay {
    /// What to plot from each run's history.
    public enum Metric: String, Sendable, CaseIterable {
        /// Mean training loss per epoch.
        case trainingLoss = "training loss"
        /// Validation loss per evaluated epoch.
        case validationLoss = "validation loss"
        /// Validation token accuracy per evaluated epoch.
        case tokenAccuracy = "token accuracy"
        /// Validation exact-match accuracy per evaluated epoch.
        case sequenceAccuracy = "sequence accuracy"
        /// Validation BLEU (0…1) per evaluated epoch.
        case bleu = "BLEU"
        /// Smoothed per-step training loss (x = step).
        case stepLoss = "training loss per step"
    }

    /// One series per named run for `metric` (x: epoch, or step for `.stepLoss`).
    public static func curves(
        _ runs: [(name: String, history: TrainingHistory)], metric: Metric,
        title: String? = nil
    ) -> LineChart {
        let series = runs.map { run -> Series in
            let h = run.history
            let x = h.evaluatedEpochs.map(Double.init)
            switch metric {
            case .trainingLoss: return Series(name: run.name, y: h.epochLosses)
            case .validationLoss: return Series(name: run.name, x: x, y: h.validation.map(\.loss))
            case .tokenAccuracy: return Series(name: run.name, x: x, y: h.validation.map(\.tokenAccuracy))
            case .sequenceAccuracy: return Series(name: run.name, x: x, y: h.validation.map(\.sequenceAccuracy))
            case .bleu: return Series(name: run.name, x: x, y: h.validation.map(\.bleu))
            case .stepLoss: return Series(name: run.name, y: h.smoothedStepLosses())
            }
        }
        return LineChart(
            series: series, title: title ?? metric.rawValue.capitalized,
            xLabel: metric == .stepLoss ? "step" : "epoch", yLabel: metric.rawValue)
    }

    /// Accuracy by source length for several models: one series per model over the buckets'
    /// upper lengths (the bottleneck shows as the plain model's curve falling off).
    public static func lengthCurves(
        _ runs: [(name: String, buckets: [LengthBucket])],
        exactMatch: Bool = false
    ) -> LineChart {
        LineChart(
            series: runs.map { run in
                Series(
                    name: run.name, x: run.buckets.map { Double($0.lengths.upperBound) },
                    y: run.buckets.map { exactMatch ? $0.sequenceAccuracy : $0.tokenAccuracy })
            },
            title: "Accuracy by source length", xLabel: "source length (bucket end)",
            yLabel: exactMatch ? "sequence accuracy" : "token accuracy")
    }

    /// A table of length buckets: one row per bucket, one column per model.
    public static func lengthTable(_ runs: [(name: String, buckets: [LengthBucket])]) -> Table {
        let ranges = runs.first?.buckets.map(\.lengths) ?? []
        let rows = ranges.enumerated().map { i, range -> [String] in
            ["\(range.lowerBound)–\(range.upperBound)", "\(runs.first?.buckets[i].count ?? 0)"]
                + runs.map { i < $0.buckets.count ? percent($0.buckets[i].tokenAccuracy) : "" }
        }
        return Table(
            columns: ["source length", "examples"] + runs.map { "\($0.name) (token acc.)" },
            rows: rows, caption: "Accuracy by source length")
    }

    /// `0.9876` → `"98.8%"`.
    public static func percent(_ x: Double) -> String { formatted(x * 100, digits: 1) + "%" }
}
