import NotebookOutput

/// Where a training run is: passed to the progress closure after every reported step, so a
/// notebook cell can forward it (`progress: { reportProgress($0.fraction, $0.description) }`).
public struct TrainingProgress: Sendable, CustomStringConvertible {
    /// The current epoch, 1-based.
    public var epoch: Int
    /// The number of epochs of the run.
    public var epochs: Int
    /// Optimiser steps taken so far (1-based after the first step).
    public var step: Int
    /// The number of steps the run will take.
    public var totalSteps: Int
    /// The training loss of the last step.
    public var loss: Double
    /// Validation metrics, present when the progress is reported at the end of an evaluated epoch.
    public var validation: EvaluationResult?

    /// `step / totalSteps`, in 0…1.
    public var fraction: Double { totalSteps == 0 ? 1 : Double(step) / Double(totalSteps) }

    /// `epoch 3/10 · step 120/400 · loss 0.4123` (plus validation accuracy when present).
    public var description: String {
        var s = "epoch \(epoch)/\(epochs) · step \(step)/\(totalSteps) · loss \(formatted(loss, digits: 4))"
        if let v = validation {
            s +=
                " · val loss \(formatted(v.loss, digits: 4)) · val seq acc \(formatted(v.sequenceAccuracy * 100, digits: 1))%"
        }
        return s
    }
}

/// Validation metrics at one point of training.
public struct EvaluationResult: Sendable, Equatable {
    /// Mean per-token cross-entropy (teacher forcing, padding ignored).
    public var loss: Double
    /// Token accuracy of greedy decoding (see `SequenceMetrics.tokenAccuracy`).
    public var tokenAccuracy: Double
    /// Exact-match accuracy of greedy decoding.
    public var sequenceAccuracy: Double
    /// Corpus BLEU (0…1) of greedy decoding, without `<eos>`.
    public var bleu: Double

    /// Bundles the metrics.
    public init(loss: Double, tokenAccuracy: Double, sequenceAccuracy: Double, bleu: Double) {
        self.loss = loss
        self.tokenAccuracy = tokenAccuracy
        self.sequenceAccuracy = sequenceAccuracy
        self.bleu = bleu
    }

    /// exp(loss).
    public var perplexity: Double { SequenceMetrics.perplexity(meanNegativeLogLikelihood: loss) }
}

/// The record of one training run: losses per step and per epoch, validation metrics per
/// evaluated epoch, and timing; convertible to charts.
public struct TrainingHistory: Sendable {
    /// The training loss of every optimiser step, in order.
    public var stepLosses: [Double] = []
    /// The mean training loss of each epoch.
    public var epochLosses: [Double] = []
    /// The epochs (1-based) at which the model was evaluated.
    public var evaluatedEpochs: [Int] = []
    /// Validation results, one per entry of `evaluatedEpochs`.
    public var validation: [EvaluationResult] = []
    /// Wall-clock seconds of each epoch (evaluation included).
    public var epochSeconds: [Double] = []
    /// The global L2 gradient norm of every step before clipping.
    public var gradientNorms: [Double] = []

    /// Creates an empty history.
    public init() {}

    /// Total wall-clock seconds.
    public var totalSeconds: Double { epochSeconds.reduce(0, +) }
    /// Steps taken.
    public var steps: Int { stepLosses.count }
    /// Optimiser steps per second over the whole run.
    public var stepsPerSecond: Double { totalSeconds > 0 ? Double(steps) / totalSeconds : 0 }
    /// The last validation result, if any.
    public var finalValidation: EvaluationResult? { validation.last }

    /// The per-step loss smoothed by a trailing moving average over `window` steps (a noisy
    /// per-step curve is hard to read at a glance).
    public func smoothedStepLosses(window: Int = 20) -> [Double] {
        var out: [Double] = []
        var sum = 0.0
        for (i, l) in stepLosses.enumerated() {
            sum += l
            if i >= window { sum -= stepLosses[i - window] }
            out.append(sum / Double(Swift.min(i + 1, window)))
        }
        return out
    }

    /// Training loss per epoch and validation loss per evaluated epoch (x = epoch).
    public func lossChart(title: String? = "Loss") -> LineChart {
        var series = [Series(name: "train loss", y: epochLosses)]
        if !validation.isEmpty {
            series.append(
                Series(name: "validation loss", x: evaluatedEpochs.map(Double.init), y: validation.map(\.loss)))
        }
        return LineChart(series: series, title: title, xLabel: "epoch", yLabel: "cross-entropy")
    }

    /// Validation token accuracy, sequence accuracy and BLEU per evaluated epoch (0…1).
    public func accuracyChart(title: String? = "Validation accuracy") -> LineChart {
        let x = evaluatedEpochs.map(Double.init)
        return LineChart(
            series: [
                Series(name: "token accuracy", x: x, y: validation.map(\.tokenAccuracy)),
                Series(name: "sequence accuracy", x: x, y: validation.map(\.sequenceAccuracy)),
                Series(name: "BLEU", x: x, y: validation.map(\.bleu)),
            ], title: title, xLabel: "epoch", yLabel: "fraction")
    }

    /// The smoothed per-step training loss (x = step).
    public func stepLossChart(title: String? = "Training loss per step", window: Int = 20) -> LineChart {
        LineChart(
            series: [Series(name: "train loss (avg \(window))", y: smoothedStepLosses(window: window))],
            title: title, xLabel: "step", yLabel: "cross-entropy")
    }
}

/// `value` with `digits` decimals (no Foundation formatting, so it is the same everywhere).
func formatted(_ value: Double, digits: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (abs(value) * scale).rounded()
    let whole = Int(rounded / scale)
    var frac = String(Int(rounded.truncatingRemainder(dividingBy: scale)))
    while frac.count < digits { frac = "0" + frac }
    let sign = value < 0 && rounded != 0 ? "-" : ""
    return digits == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(frac)"
}
