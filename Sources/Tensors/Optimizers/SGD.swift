/// Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay,
/// following PyTorch's `torch.optim.SGD`:
///
/// g ← g + λ·p;  v ← μ·v + g (v = g on the first step);  p ← p − lr·v
/// (Nesterov: p ← p − lr·(g + μ·v)).
public final class SGD: Optimizer {
    /// The step size lr.
    public var learningRate: Float
    /// The momentum factor μ (0: plain SGD).
    public var momentum: Float
    /// The L2 penalty λ added to the gradient.
    public var weightDecay: Float
    /// Whether to use Nesterov momentum.
    public var nesterov: Bool
    private var velocity: [ObjectIdentifier: Tensor] = [:]

    /// An SGD optimiser; see the type's formula.
    public init(learningRate: Float, momentum: Float = 0, weightDecay: Float = 0, nesterov: Bool = false) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.nesterov = nesterov
    }

    /// Applies one update to every parameter that has a gradient.
    public func step(_ parameters: [Parameter]) {
        let lr = learningRate
        let mu = momentum
        let wd = weightDecay
        let nesterov = nesterov
        for p in parameters {
            guard let g = p.gradient else { continue }
            let pg = g.storage.pointer
            if mu == 0 {
                p.updateValue { w in
                    for i in w.indices { w[i] -= lr * (pg[i] + wd * w[i]) }
                }
                continue
            }
            let id = ObjectIdentifier(p)
            var v = velocity[id]
            velocity[id] = nil
            let first = v == nil
            if first { v = Tensor(uninitializedShape: p.shape) }
            var vel = v!
            vel.withUnsafeMutableBufferPointer { pv in
                p.updateValue { w in
                    for i in w.indices {
                        let gi = pg[i] + wd * w[i]
                        let vi = first ? gi : mu * pv[i] + gi
                        pv[i] = vi
                        w[i] -= lr * (nesterov ? gi + mu * vi : vi)
                    }
                }
            }
            velocity[id] = vel
        }
    }
}
