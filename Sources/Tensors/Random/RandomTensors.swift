import Foundation

/// Random tensors and the standard weight initialisers, all drawn from a `RandomGenerator`.
///
/// Fan convention for weights (the `x · W` layout used by `matmul`): for a shape
/// `[..., fanIn, fanOut]` the last axis is fanOut and the one before it fanIn, with any leading
/// axes multiplying both (receptive field); a vector `[n]` has fanIn = fanOut = n.
extension Tensor {
    /// Independent normal samples with the given mean and standard deviation.
    public static func randomNormal(
        _ shape: [Int], mean: Float = 0, standardDeviation: Float = 1,
        using generator: inout RandomGenerator
    ) -> Tensor {
        let y = Tensor(uninitializedShape: shape)
        let p = y.storage.pointer
        var i = 0
        while i < y.count {
            let (a, b) = generator.nextNormalPair()
            p[i] = mean + standardDeviation * a
            if i + 1 < y.count { p[i + 1] = mean + standardDeviation * b }
            i += 2
        }
        return y
    }

    /// Independent uniform samples in [lower, upper).
    public static func randomUniform(
        _ shape: [Int], in range: Range<Float> = 0..<1, using generator: inout RandomGenerator
    ) -> Tensor {
        let y = Tensor(uninitializedShape: shape)
        let p = y.storage.pointer
        let lo = range.lowerBound
        let width = range.upperBound - range.lowerBound
        for i in 0..<y.count { p[i] = lo + width * generator.nextUniform() }
        return y
    }

    /// (fanIn, fanOut) of a weight of `shape` (see the type's fan convention).
    public static func fans(of shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        switch shape.count {
        case 0: return (1, 1)
        case 1: return (shape[0], shape[0])
        default:
            let field = Shape.count(Array(shape.dropLast(2)))
            return (shape[shape.count - 2] * field, shape[shape.count - 1] * field)
        }
    }

    /// Xavier/Glorot uniform: U(−a, a) with a = gain · √(6 / (fanIn + fanOut)).
    public static func glorotUniform(
        _ shape: [Int], gain: Float = 1, using generator: inout RandomGenerator
    ) -> Tensor {
        let (fanIn, fanOut) = fans(of: shape)
        let a = gain * Foundation.sqrt(6 / Float(fanIn + fanOut))
        return randomUniform(shape, in: -a..<a, using: &generator)
    }

    /// Xavier/Glorot normal: N(0, σ²) with σ = gain · √(2 / (fanIn + fanOut)).
    public static func glorotNormal(
        _ shape: [Int], gain: Float = 1, using generator: inout RandomGenerator
    ) -> Tensor {
        let (fanIn, fanOut) = fans(of: shape)
        let std = gain * Foundation.sqrt(2 / Float(fanIn + fanOut))
        return randomNormal(shape, standardDeviation: std, using: &generator)
    }

    /// Kaiming/He uniform (for ReLU layers): U(−b, b) with b = √(6 / fanIn).
    public static func kaimingUniform(_ shape: [Int], using generator: inout RandomGenerator) -> Tensor {
        let b = Foundation.sqrt(6 / Float(fans(of: shape).fanIn))
        return randomUniform(shape, in: -b..<b, using: &generator)
    }

    /// Kaiming/He normal (for ReLU layers): N(0, σ²) with σ = √(2 / fanIn).
    public static func kaimingNormal(_ shape: [Int], using generator: inout RandomGenerator) -> Tensor {
        let std = Foundation.sqrt(2 / Float(fans(of: shape).fanIn))
        return randomNormal(shape, standardDeviation: std, using: &generator)
    }
}
