import Foundation

/// Adam (Kingma & Ba) as in PyTorch's `torch.optim.Adam`, with optional L2 weight decay
/// added to the gradient (g ← g + λ·p):
///
/// m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  p ← p − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)
public final class Adam: Optimizer {
    /// The step size lr.
    public var learningRate: Float
    /// Decay rates of the first and second moment estimates.
    public var beta1: Float, beta2: Float
    /// Added to the denominator for numerical stability.
    public var epsilon: Float
    /// The L2 penalty λ added to the gradient (coupled; see `AdamW` for the decoupled form).
    public var weightDecay: Float
    var moments = AdamMoments()

    /// An Adam optimiser; see the type's formula.
    public init(
        learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-8, weightDecay: Float = 0
    ) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// Applies one update to every parameter that has a gradient.
    public func step(_ parameters: [Parameter]) {
        moments.step(
            parameters, lr: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
            l2: weightDecay, decoupled: 0)
    }
}

/// AdamW (Loshchilov & Hutter), as PyTorch's `torch.optim.AdamW`: Adam with weight decay
/// decoupled from the gradient: p ← p − lr·λ·p, then the Adam update (see `Adam`).
public final class AdamW: Optimizer {
    /// The step size lr.
    public var learningRate: Float
    /// Decay rates of the first and second moment estimates.
    public var beta1: Float, beta2: Float
    /// Added to the denominator for numerical stability.
    public var epsilon: Float
    /// The decoupled decay rate λ (PyTorch's default 0.01).
    public var weightDecay: Float
    var moments = AdamMoments()

    /// An AdamW optimiser; see the type's formula.
    public init(
        learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
        epsilon: Float = 1e-8, weightDecay: Float = 0.01
    ) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// Applies one update to every parameter that has a gradient.
    public func step(_ parameters: [Parameter]) {
        moments.step(
            parameters, lr: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
            l2: 0, decoupled: weightDecay)
    }
}

/// Per-parameter first/second moments and step counts shared by `Adam` and `AdamW`.
struct AdamMoments {
    private var state: [ObjectIdentifier: (m: Tensor, v: Tensor, t: Int)] = [:]

    mutating func step(
        _ parameters: [Parameter], lr: Float, beta1: Float, beta2: Float, epsilon: Float,
        l2: Float, decoupled: Float
    ) {
        for p in parameters {
            guard let g = p.gradient else { continue }
            let id = ObjectIdentifier(p)
            var (m, v, t) = state[id] ?? (Tensor.zeros(p.shape), Tensor.zeros(p.shape), 0)
            state[id] = nil
            t += 1
            let c1 = 1 - Float(Foundation.pow(Double(beta1), Double(t)))
            let c2 = 1 - Float(Foundation.pow(Double(beta2), Double(t)))
            let stepSize = lr / c1
            let sqrtC2 = c2.squareRoot()
            let pg = g.storage.pointer
            m.withUnsafeMutableBufferPointer { pm in
                v.withUnsafeMutableBufferPointer { pv in
                    p.updateValue { w in
                        for i in w.indices {
                            if decoupled != 0 { w[i] *= 1 - lr * decoupled }
                            let gi = pg[i] + l2 * w[i]
                            pm[i] = beta1 * pm[i] + (1 - beta1) * gi
                            pv[i] = beta2 * pv[i] + (1 - beta2) * gi * gi
                            w[i] -= stepSize * pm[i] / (pv[i].squareRoot() / sqrtC2 + epsilon)
                        }
                    }
                }
            }
            state[id] = (m, v, t)
        }
    }
}
