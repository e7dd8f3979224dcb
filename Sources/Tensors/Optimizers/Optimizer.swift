/// Updates parameters from their accumulated gradients.
///
/// A training step: compute the loss with `backpropagate` (which fills `Parameter.gradient`),
/// optionally clip, call `step`, then clear the gradients:
///
/// ```swift
/// let loss = backpropagate { crossEntropy(logits: model(x), labels: y) }
/// clipGradientsByGlobalNorm(model.parameters, maxNorm: 1)
/// optimizer.learningRate = schedule(step)
/// optimizer.step(model)
/// model.zeroGradients()
/// ```
/// Parameters without a gradient are left alone. Optimisers keep per-parameter state
/// (momenta) keyed by the parameter object, so use one optimiser per model.
public protocol Optimizer: AnyObject {
    /// The step size used by the next `step` (set it from a schedule between steps).
    var learningRate: Float { get set }
    /// Applies one update to every parameter that has a gradient.
    func step(_ parameters: [Parameter])
}

extension Optimizer {
    /// Applies one update to every parameter of `model` that has a gradient.
    public func step(_ model: some Module) { step(model.parameters) }
}
