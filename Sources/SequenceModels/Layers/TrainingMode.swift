import Tensors

/// Something whose behaviour differs between training and evaluation (dropout masks, batch
/// statistics). Composite models forward `setTraining` to every such layer they hold.
public protocol TrainingModeSwitchable {
    /// Switches to training (`true`) or evaluation (`false`) behaviour.
    func setTraining(_ training: Bool)
}

extension Dropout: TrainingModeSwitchable {
    /// Sets `isTraining`.
    public func setTraining(_ training: Bool) { isTraining = training }
}

extension BatchNorm: TrainingModeSwitchable {
    /// Sets `isTraining` (evaluation uses the running statistics).
    public func setTraining(_ training: Bool) { isTraining = training }
}

extension FeedForward: TrainingModeSwitchable {
    /// Forwards to the dropout.
    public func setTraining(_ training: Bool) { dropout.setTraining(training) }
}

extension RecurrentLayer: TrainingModeSwitchable {
    /// Forwards to the inter-layer dropout.
    public func setTraining(_ training: Bool) { dropout.setTraining(training) }
}

extension MultiHeadAttention: TrainingModeSwitchable {
    /// Forwards to the attention-weight dropout.
    public func setTraining(_ training: Bool) { dropout.setTraining(training) }
}
