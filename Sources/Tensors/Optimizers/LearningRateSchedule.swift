import Foundation

/// A learning rate as a function of the (1-based) step number.
public protocol LearningRateSchedule {
    /// The learning rate for step `step` (the first step is 1).
    func learningRate(at step: Int) -> Float
}

extension LearningRateSchedule {
    /// Same as `learningRate(at:)`: `optimizer.learningRate = schedule(step)`.
    public func callAsFunction(_ step: Int) -> Float { learningRate(at: step) }
}

/// The Transformer ("Attention Is All You Need") schedule: linear warm-up, then decay with
/// the inverse square root of the step:
///
/// lr(step) = factor · d_model^(−½) · min(step^(−½), step · warmup^(−3/2))
///
/// The peak, at step = warmup, is factor · (d_model · warmup)^(−½).
public struct NoamSchedule: LearningRateSchedule, Sendable {
    /// The model width d_model.
    public var modelSize: Int
    /// The number of warm-up steps.
    public var warmupSteps: Int
    /// An overall multiplier.
    public var factor: Float

    /// The schedule for a model of width `modelSize` warming up over `warmupSteps` steps.
    public init(modelSize: Int, warmupSteps: Int, factor: Float = 1) {
        self.modelSize = modelSize
        self.warmupSteps = warmupSteps
        self.factor = factor
    }

    /// lr(step) as in the type's formula (step is clamped to ≥ 1).
    public func learningRate(at step: Int) -> Float {
        let s = Double(Swift.max(step, 1))
        let w = Double(Swift.max(warmupSteps, 1))
        let value =
            Double(factor) * Foundation.pow(Double(modelSize), -0.5)
            * Swift.min(Foundation.pow(s, -0.5), s * Foundation.pow(w, -1.5))
        return Float(value)
    }
}

/// A constant learning rate.
public struct ConstantSchedule: LearningRateSchedule, Sendable {
    /// The rate returned for every step.
    public var value: Float
    /// A schedule that always returns `value`.
    public init(_ value: Float) { self.value = value }
    /// Returns `value`.
    public func learningRate(at step: Int) -> Float { value }
}
