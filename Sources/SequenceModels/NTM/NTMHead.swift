import Tensors

/// The addressing parameters a head emits at one step, squashed to their valid ranges.
public struct NTMHeadParameters {
    /// The key k `[batch, M]` (tanh).
    public var key: Tensor
    /// The key strength β = softplus(·) `[batch, 1]` (≥ 0).
    public var strength: Tensor
    /// The interpolation gate g = σ(·) `[batch, 1]`.
    public var gate: Tensor
    /// The shift distribution s = softmax(·) `[batch, shifts]`.
    public var shift: Tensor
    /// The sharpening γ = 1 + softplus(·) `[batch, 1]` (≥ 1).
    public var sharpening: Tensor
    /// The erase vector e = σ(·) `[batch, M]` (write heads; read heads ignore it).
    public var erase: Tensor
    /// The add vector a = tanh(·) `[batch, M]` (write heads).
    public var add: Tensor
}

/// One NTM head: a linear map from the controller's output `[batch, controller]` to the head
/// parameters (k, β, g, s, γ, e, a), then the addressing of `NTMAddressing`.
///
/// Parameter: `proj` (`[M + 1 + 1 + shifts + 1 + 2M, controller]`).
public struct NTMHead: Module {
    /// The controller → parameters map.
    public let projection: Linear
    /// The row width M of the memory.
    public let memoryWidth: Int
    /// The number of allowed shifts S (odd; 3 means −1, 0, +1).
    public let shifts: Int

    /// A head for a controller of size `controllerSize` and memory rows of width `memoryWidth`.
    public init(controllerSize: Int, memoryWidth: Int, shifts: Int = 3, rng: inout RandomGenerator) {
        requireArgument(shifts % 2 == 1, "NTMHead: shifts must be odd (−s…+s), got \(shifts)")
        projection = Linear(controllerSize, 3 * memoryWidth + shifts + 3, rng: &rng)
        self.memoryWidth = memoryWidth
        self.shifts = shifts
    }

    /// `proj.*`.
    public var namedParameters: [NamedParameter] { projection.namedParameters(prefix: "proj") }

    /// The squashed head parameters for controller output `[batch, controller]`.
    public func parameters(_ controller: Tensor) -> NTMHeadParameters {
        let p = projection(controller)
        let m = memoryWidth
        var at = 0
        func take(_ n: Int) -> Tensor {
            defer { at += n }
            return p.slice(axis: 1, at..<(at + n))
        }
        let key = take(m).tanh()
        let beta = softplus(take(1))
        let gate = take(1).sigmoid()
        let shift = take(shifts).softmax(axis: -1)
        let gamma = softplus(take(1)) + 1
        let erase = take(m).sigmoid()
        let add = take(m).tanh()
        return NTMHeadParameters(
            key: key, strength: beta, gate: gate, shift: shift, sharpening: gamma,
            erase: erase, add: add)
    }

    /// Addresses `memory` `[batch, N, M]` from controller output `[batch, controller]` and the
    /// previous weights `[batch, N]`; returns the parameters and every stage of the addressing.
    public func callAsFunction(_ controller: Tensor, memory: Tensor, previous: Tensor)
        -> (parameters: NTMHeadParameters, addressing: NTMAddressing)
    {
        let h = parameters(controller)
        return (
            h,
            NTMAddressing(
                memory: memory, key: h.key, strength: h.strength, gate: h.gate, shift: h.shift,
                sharpening: h.sharpening, previous: previous)
        )
    }
}
