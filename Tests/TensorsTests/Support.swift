import GradientChecking
import Tensors
import Testing

/// Test helpers: tolerance comparisons and the finite-difference gradient check.
enum Check {
    /// The largest |a − b| / max(1, |b|) over two equally long arrays.
    static func maxRelativeError(_ a: [Float], _ b: [Float]) -> Float {
        precondition(a.count == b.count, "lengths \(a.count) and \(b.count) differ")
        var worst: Float = 0
        for (x, y) in zip(a, b) { worst = max(worst, abs(x - y) / max(1, abs(y))) }
        return worst
    }

    /// Expects `actual` to match `expected` elementwise within `tolerance` (relative, floor 1).
    static func close(
        _ actual: [Float], _ expected: [Float], tolerance: Float = 1e-5,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(actual.count == expected.count, sourceLocation: sourceLocation)
        guard actual.count == expected.count else { return }
        let error = maxRelativeError(actual, expected)
        #expect(
            error <= tolerance,
            "max relative error \(error)\nactual   \(actual.prefix(12))\nexpected \(expected.prefix(12))",
            sourceLocation: sourceLocation)
    }

    /// Deterministic inputs for a test: normal samples from a fixed seed.
    static func random(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
        var rng = RandomGenerator(seed: seed)
        return Tensor.randomNormal(shape, standardDeviation: scale, using: &rng)
    }

    /// `random` pushed away from 0 by `margin` (for ops with a kink at 0: relu, abs, max).
    static func awayFromZero(_ shape: [Int], seed: UInt64, margin: Float = 0.2) -> Tensor {
        let t = random(shape, seed: seed)
        return Tensor(shape: shape, scalars: t.scalars.map { $0 >= 0 ? $0 + margin : $0 - margin })
    }

    /// Finite-difference gradient check of `f` at `inputs`.
    ///
    /// The scalar loss is L = Σ f(x) ⊙ w for fixed random weights w (so every output element
    /// matters); the analytic gradient of every input comes from `valueWithGradient`, the numeric
    /// one from central differences (L(x + ε) − L(x − ε)) / 2ε accumulated in Double.
    static func gradients(
        _ inputs: [Tensor], epsilon: Float = 1e-2, tolerance: Float = 1e-2,
        sourceLocation: SourceLocation = #_sourceLocation,
        _ f: ([Tensor]) -> Tensor
    ) {
        let probe = f(inputs)
        let weights = random(probe.shape, seed: 99)
        let parameters = inputs.map { Parameter($0) }
        let (_, analytic) = valueWithGradient(at: parameters) {
            (f(parameters.map(\.value)) * weights).sum()
        }
        func loss(_ xs: [Tensor]) -> Double {
            zip(f(xs).scalars, weights.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
        }
        for (k, input) in inputs.enumerated() {
            var numeric = [Float](repeating: 0, count: input.count)
            for i in 0..<input.count {
                var plus = inputs
                var minus = inputs
                var flat = input.scalars
                flat[i] += epsilon
                plus[k] = Tensor(shape: input.shape, scalars: flat)
                flat[i] -= 2 * epsilon
                minus[k] = Tensor(shape: input.shape, scalars: flat)
                numeric[i] = Float((loss(plus) - loss(minus)) / (2 * Double(epsilon)))
            }
            #expect(analytic[k].shape == input.shape, sourceLocation: sourceLocation)
            let agreement = GradientAgreement(analytic: analytic[k].scalars, numeric: numeric)
            #expect(
                agreement.error <= tolerance && agreement.signMismatches.isEmpty,
                "input \(k): gradient error \(agreement.error) (relative to the gradient's scale \(agreement.scale)), sign differs at \(agreement.signMismatches.prefix(8))\nanalytic \(analytic[k].scalars.prefix(8))\nnumeric  \(numeric.prefix(8))",
                sourceLocation: sourceLocation)
        }
    }
}
