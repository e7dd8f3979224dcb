import Tensors

/// Every intermediate weighting of one Neural Turing Machine addressing step (Graves et al.
/// 2014, §3.3), each `[batch, N]` with rows summing to 1, so a lesson can show them as heatmaps.
public struct NTMAddressing {
    /// w_c: content weights, softmax(β · cos(k, M_i)).
    public var content: Tensor
    /// w_g = g · w_c + (1 − g) · w_prev.
    public var gated: Tensor
    /// w̃: w_g circularly convolved with the shift distribution.
    public var shifted: Tensor
    /// w = w̃^γ / Σ w̃^γ, the final weighting.
    public var weights: Tensor

    /// Runs the four stages: memory `[batch, N, M]`, key `[batch, M]`, strength β `[batch, 1]`
    /// (≥ 0), gate g `[batch, 1]` (in [0, 1]), shift distribution `[batch, S]` over the offsets
    /// −(S−1)/2 … +(S−1)/2 (S odd), sharpening γ `[batch, 1]` (≥ 1), previous weights `[batch, N]`.
    /// Differentiable in every input.
    public init(
        memory: Tensor, key: Tensor, strength: Tensor, gate: Tensor, shift: Tensor,
        sharpening: Tensor, previous: Tensor
    ) {
        content = ntmContentWeights(memory: memory, key: key, strength: strength)
        gated = ntmInterpolate(content, previous: previous, gate: gate)
        shifted = ntmCircularShift(gated, shift: shift)
        weights = ntmSharpen(shifted, gamma: sharpening)
    }
}

/// cos(k, M_i) = k·M_i / (‖k‖‖M_i‖ + ε) for every memory row: memory `[batch, N, M]`,
/// key `[batch, M]` → `[batch, N]`.
public func cosineSimilarity(memory: Tensor, key: Tensor, epsilon: Float = 1e-8) -> Tensor {
    let dots = matmul(memory, key.expandingShape(at: 2)).squeezingShape(at: [2])  // [b, N]
    let rowNorms = memory.squared().sum(axis: 2).sqrt()  // [b, N]
    let keyNorm = key.squared().sum(axis: 1, keepingDimension: true).sqrt()  // [b, 1]
    return dots / (rowNorms * keyNorm + epsilon)
}

/// Content addressing w_c = softmax(β · cos(k, M_i)) over the N rows:
/// memory `[batch, N, M]`, key `[batch, M]`, strength β `[batch, 1]` → `[batch, N]`.
public func ntmContentWeights(memory: Tensor, key: Tensor, strength: Tensor) -> Tensor {
    (cosineSimilarity(memory: memory, key: key) * strength).softmax(axis: -1)
}

/// Interpolation w_g = g · w_c + (1 − g) · w_prev: `[batch, N]`, `[batch, N]`, g `[batch, 1]` → `[batch, N]`.
public func ntmInterpolate(_ content: Tensor, previous: Tensor, gate: Tensor) -> Tensor {
    previous + gate * (content - previous)
}

/// Circular convolution w̃_i = Σ_j w_j s[(i − j) mod N] with the shift distribution s `[batch, S]`
/// over offsets −(S−1)/2 … +(S−1)/2 (S odd, S ≤ N): weights `[batch, N]` → `[batch, N]`.
/// Offset +1 moves weight from row i to row i + 1 (wrapping).
public func ntmCircularShift(_ weights: Tensor, shift: Tensor) -> Tensor {
    let n = weights.shape[1]
    let s = shift.shape[1]
    requireArgument(s % 2 == 1 && s <= n, "ntmCircularShift: need an odd number of shifts ≤ N, got \(s) for N = \(n)")
    let half = s / 2
    var total: Tensor? = nil
    for (index, offset) in (-half...half).enumerated() {
        let term = rolled(weights, by: offset) * shift.slice(axis: 1, index..<(index + 1))
        total = total.map { $0 + term } ?? term
    }
    return total ?? weights
}

/// The rows of `w` `[batch, N]` rotated right by `offset` (element i moves to i + offset mod N).
func rolled(_ w: Tensor, by offset: Int) -> Tensor {
    let n = w.shape[1]
    let r = ((offset % n) + n) % n
    if r == 0 { return w }
    return Tensor.concatenate([w.slice(axis: 1, (n - r)..<n), w.slice(axis: 1, 0..<(n - r))], axis: 1)
}

/// Sharpening w_i = w̃_i^γ / Σ_j w̃_j^γ: weights `[batch, N]`, γ `[batch, 1]` (≥ 1) → `[batch, N]`.
/// Computed as exp(γ · log(w̃ + 1e-12)) so γ is a tensor and the gradient reaches it.
public func ntmSharpen(_ weights: Tensor, gamma: Tensor) -> Tensor {
    let powered = ((weights + 1e-12).log() * gamma).exp()
    return powered / powered.sum(axis: 1, keepingDimension: true)
}

/// The read vector r = Σ_i w_i M_i: memory `[batch, N, M]`, weights `[batch, N]` → `[batch, M]`.
public func ntmRead(memory: Tensor, weights: Tensor) -> Tensor {
    matmul(weights.expandingShape(at: 1), memory).squeezingShape(at: [1])
}

/// The write M_i ← M_i ∘ (1 − w_i e) + w_i a: memory `[batch, N, M]`, weights `[batch, N]`,
/// erase e `[batch, M]` (in [0, 1]), add a `[batch, M]` → the new memory `[batch, N, M]`.
public func ntmWrite(memory: Tensor, weights: Tensor, erase: Tensor, add: Tensor) -> Tensor {
    let w = weights.expandingShape(at: 2)  // [b, N, 1]
    return memory * (1 - w * erase.expandingShape(at: 1)) + w * add.expandingShape(at: 1)
}
