/// How well an analytic gradient agrees with a finite-difference one, relative to the gradient's
/// own scale rather than to 1 (so a gradient of size 1e-3 that is wrong by 1e-2 fails).
///
/// error = maxᵢ |aᵢ − nᵢ| / (|nᵢ| + floor), floor = max(0.1 · maxⱼ |nⱼ|, noise): an element is
/// compared relatively when it is large, and against a tenth of the largest element when it is
/// small (finite differences cannot resolve it better). `noise` is the finite difference's own
/// resolution (about 1e-2 for a Float32 loss summed over many outputs, 1e-3 for a scalar loss).
/// Elements that are clearly non-zero (|nᵢ| above the floor) must also have the same sign.
public struct GradientAgreement: Sendable {
    /// The largest scaled difference (see the type's formula).
    public private(set) var error: Float = 0
    /// maxⱼ |nⱼ|: the finite-difference gradient's scale.
    public private(set) var scale: Float = 0
    /// Indices of clearly non-zero elements whose signs differ.
    public private(set) var signMismatches: [Int] = []

    /// Compares `analytic` with `numeric` (equally long), with the finite difference's `noise`.
    public init(analytic: [Float], numeric: [Float], noise: Float = 1e-2) {
        precondition(analytic.count == numeric.count, "lengths \(analytic.count) and \(numeric.count) differ")
        scale = numeric.reduce(0) { max($0, abs($1)) }
        let floor = max(0.1 * scale, noise)
        for (i, (a, n)) in zip(analytic, numeric).enumerated() {
            let e = abs(a - n) / (abs(n) + floor)
            if !(e <= error) { error = e }
            if abs(n) > floor, (a > 0) != (n > 0) { signMismatches.append(i) }
        }
    }
}
