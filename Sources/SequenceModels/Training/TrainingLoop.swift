import Tensors

/// The settings of a training run.
public struct TrainingConfiguration: Sendable {
    /// Passes over the training data.
    public var epochs: Int
    /// Examples per optimiser step.
    public var batchSize: Int
    /// Adam's learning rate (used when `schedule` is nil).
    public var learningRate: Float
    /// Optional per-step learning-rate schedule (e.g. `NoamSchedule`); overrides `learningRate`.
    public var schedule: (any LearningRateSchedule & Sendable)?
    /// Global gradient-norm clip (nil: no clipping). See `clipGradientsByGlobalNorm`.
    public var clipNorm: Float?
    /// Seeds the initialisation of models built from this configuration and the batch order.
    public var seed: UInt64
    /// Evaluate every `evaluateEvery` epochs (and always after the last one); 0 never.
    public var evaluateEvery: Int
    /// Report progress every `progressEvery` steps (and at each epoch end).
    public var progressEvery: Int

    /// A configuration; see the properties.
    public init(
        epochs: Int, batchSize: Int = 64, learningRate: Float = 3e-3,
        schedule: (any LearningRateSchedule & Sendable)? = nil, clipNorm: Float? = 1, seed: UInt64 = 0,
        evaluateEvery: Int = 1, progressEvery: Int = 10
    ) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.schedule = schedule
        self.clipNorm = clipNorm
        self.seed = seed
        self.evaluateEvery = evaluateEvery
        self.progressEvery = progressEvery
    }
}

/// A generic mini-batch training loop: for each epoch, for each batch, back-propagate the
/// loss, clip, step the optimiser, record, report; evaluate between epochs.
public enum TrainingLoop {
    /// Trains `parameters` by minimising `loss` over `batches(epoch)` (epoch 0-based; return a
    /// freshly shuffled list each time if you want). `evaluate(epoch)` (1-based) runs after the
    /// epochs chosen by `configuration.evaluateEvery`, outside gradient recording.
    ///
    /// Each step: L = loss(batch) on a fresh tape; gradients accumulate into the parameters;
    /// N = ‖∇‖₂ is recorded and clipped to `clipNorm`; Adam (or `optimizer`) updates; gradients
    /// are cleared.
    public static func run<Batch>(
        parameters: [Parameter], configuration: TrainingConfiguration, optimizer: (any Optimizer)? = nil,
        batches: (Int) -> [Batch], loss: (Batch) -> Tensor,
        evaluate: ((Int) -> EvaluationResult)? = nil,
        progress: ((TrainingProgress) -> Void)? = nil
    ) -> TrainingHistory {
        let opt = optimizer ?? Adam(learningRate: configuration.learningRate)
        var history = TrainingHistory()
        let clock = ContinuousClock()
        var epochBatches = batches(0)
        let totalSteps = epochBatches.count * configuration.epochs
        var step = 0
        for epoch in 0..<configuration.epochs {
            let start = clock.now
            if epoch > 0 { epochBatches = batches(epoch) }
            var sum = 0.0
            for batch in epochBatches {
                if let schedule = configuration.schedule { opt.learningRate = schedule.learningRate(at: step + 1) }
                let value = backpropagate { loss(batch) }.item()
                let norm =
                    configuration.clipNorm.map { clipGradientsByGlobalNorm(parameters, maxNorm: $0) }
                    ?? gradientNorm(parameters)
                opt.step(parameters)
                for p in parameters { p.zeroGradient() }
                step += 1
                sum += Double(value)
                history.stepLosses.append(Double(value))
                history.gradientNorms.append(Double(norm))
                if let progress, configuration.progressEvery > 0, step % configuration.progressEvery == 0 {
                    progress(
                        TrainingProgress(
                            epoch: epoch + 1, epochs: configuration.epochs, step: step,
                            totalSteps: totalSteps, loss: Double(value)))
                }
            }
            history.epochLosses.append(epochBatches.isEmpty ? 0 : sum / Double(epochBatches.count))
            var result: EvaluationResult? = nil
            let isLast = epoch == configuration.epochs - 1
            if let evaluate, configuration.evaluateEvery > 0,
                (epoch + 1) % configuration.evaluateEvery == 0 || isLast
            {
                let r = withoutGradient { evaluate(epoch + 1) }
                history.evaluatedEpochs.append(epoch + 1)
                history.validation.append(r)
                result = r
            }
            let elapsed = start.duration(to: clock.now)
            history.epochSeconds.append(
                Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            progress?(
                TrainingProgress(
                    epoch: epoch + 1, epochs: configuration.epochs, step: step,
                    totalSteps: totalSteps, loss: history.epochLosses.last ?? 0, validation: result))
        }
        return history
    }

    /// √(Σ‖g‖²) over the parameters' gradients (no clipping).
    static func gradientNorm(_ parameters: [Parameter]) -> Float {
        var total: Double = 0
        for p in parameters {
            p.gradient?.withUnsafeBufferPointer { for x in $0 { total += Double(x) * Double(x) } }
        }
        return Float(total.squareRoot())
    }
}
