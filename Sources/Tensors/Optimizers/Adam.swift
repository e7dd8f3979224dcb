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
///
/// A step first collects every parameter's value, gradient and moments (made unique), then
/// updates all of them as one run of elements, 16 lanes at a time, split across Tensors'
/// threads when the model has ≥ 2¹⁵ parameters (a lesson model's tensors are each too small to
/// be worth splitting alone). The arithmetic is the scalar formula's, lane by lane.
struct AdamMoments {
    private var state: [ObjectIdentifier: (m: Tensor, v: Tensor, t: Int)] = [:]

    /// One parameter's elements and its bias-corrected step constants.
    struct Slice {
        let w: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>
        let m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>
        let count: Int, stepSize: Float, sqrtC2: Float
    }

    mutating func step(
        _ parameters: [Parameter], lr: Float, beta1: Float, beta2: Float, epsilon: Float,
        l2: Float, decoupled: Float
    ) {
        var slices: [Slice] = []
        var gradients: [Tensor] = []  // keeps every gradient's storage alive during the update
        var inBatch = Set<ObjectIdentifier>()
        /// Updates the collected parameters (before a parameter listed twice is stepped again).
        func flush() {
            let total = slices.reduce(0) { $0 + $1.count }
            withExtendedLifetime((parameters, gradients)) {
                ParallelLoop.chunks(count: total) { range in
                    var start = 0
                    for slice in slices {
                        let end = start + slice.count
                        let lower = Swift.max(range.lowerBound, start)
                        let upper = Swift.min(range.upperBound, end)
                        if lower < upper {
                            Self.update(
                                slice, lower - start..<upper - start, lr: lr, beta1: beta1, beta2: beta2,
                                epsilon: epsilon, l2: l2, decoupled: decoupled)
                        }
                        start = end
                    }
                }
            }
            slices.removeAll(keepingCapacity: true)
            gradients.removeAll(keepingCapacity: true)
            inBatch.removeAll(keepingCapacity: true)
        }
        for p in parameters {
            guard let g = p.gradient else { continue }
            let id = ObjectIdentifier(p)
            if inBatch.contains(id) { flush() }
            inBatch.insert(id)
            var (m, v, t) = state[id] ?? (Tensor.zeros(p.shape), Tensor.zeros(p.shape), 0)
            state[id] = nil
            t += 1
            let c1 = 1 - Float(Foundation.pow(Double(beta1), Double(t)))
            let c2 = 1 - Float(Foundation.pow(Double(beta2), Double(t)))
            let pm = m.withUnsafeMutableBufferPointer { $0.baseAddress! }
            let pv = v.withUnsafeMutableBufferPointer { $0.baseAddress! }
            slices.append(
                Slice(
                    w: p.uniqueValuePointer(), g: g.storage.pointer, m: pm, v: pv, count: g.count,
                    stepSize: lr / c1, sqrtC2: c2.squareRoot()))
            gradients.append(g)
            state[id] = (m, v, t)  // the same (unique) storages the pointers address
        }
        flush()
    }

    /// m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; w ← w − stepSize · m / (√v / √c₂ + ε) over
    /// `range` of one parameter (with g ← g + l2·w, and w ← w·(1 − lr·decoupled) first).
    @inline(__always)
    static func update(
        _ s: Slice, _ range: Range<Int>, lr: Float, beta1: Float, beta2: Float, epsilon: Float,
        l2: Float, decoupled: Float
    ) {
        typealias V = SIMD16<Float>
        let (b1, b2, c1, c2) = (
            V(repeating: beta1), V(repeating: beta2), V(repeating: 1 - beta1), V(repeating: 1 - beta2)
        )
        let (step, root, eps) = (V(repeating: s.stepSize), V(repeating: s.sqrtC2), V(repeating: epsilon))
        let (decay, penalty) = (V(repeating: 1 - lr * decoupled), V(repeating: l2))
        var i = range.lowerBound
        while i &+ 16 <= range.upperBound {
            var w = RowKernels.load(s.w + i)
            if decoupled != 0 { w = w * decay }
            let g = l2 != 0 ? RowKernels.load(s.g + i) + penalty * w : RowKernels.load(s.g + i)
            let m = b1 * RowKernels.load(s.m + i) + c1 * g
            let v = b2 * RowKernels.load(s.v + i) + c2 * g * g
            w = w - step * m / (v.squareRoot() / root + eps)
            RowKernels.store(m, s.m + i)
            RowKernels.store(v, s.v + i)
            RowKernels.store(w, s.w + i)
            i &+= 16
        }
        while i < range.upperBound {
            if decoupled != 0 { s.w[i] *= 1 - lr * decoupled }
            let gi = s.g[i] + l2 * s.w[i]
            s.m[i] = beta1 * s.m[i] + (1 - beta1) * gi
            s.v[i] = beta2 * s.v[i] + (1 - beta2) * gi * gi
            s.w[i] -= s.stepSize * s.m[i] / (s.v[i].squareRoot() / s.sqrtC2 + epsilon)
            i &+= 1
        }
    }
}
