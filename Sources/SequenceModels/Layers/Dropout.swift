import Tensors

/// Inverted dropout as a layer: in training each element is zeroed with probability `rate`
/// and survivors are scaled by 1/(1 − rate); in evaluation (`isTraining == false`) it is the
/// identity. Any shape → the same shape.
///
/// A class, because it owns a seeded random stream and a mode flag that the owner flips
/// (`model.setTraining(false)` style code sets `isTraining` on each dropout it holds).
public final class Dropout: Layer {
    /// The probability of zeroing an element, in [0, 1).
    public var rate: Float
    /// Training mode (random masks) or evaluation mode (identity).
    public var isTraining: Bool
    /// The seeded stream the masks are drawn from.
    public var generator: RandomGenerator

    /// A dropout layer with its own stream seeded by `seed`.
    public init(rate: Float, isTraining: Bool = true, seed: UInt64 = 0) {
        requireArgument(rate >= 0 && rate < 1, "Dropout: rate \(rate) must be in [0, 1)")
        self.rate = rate
        self.isTraining = isTraining
        self.generator = RandomGenerator(seed: seed)
    }

    /// No parameters.
    public var namedParameters: [NamedParameter] { [] }

    /// `x ⊙ mask / (1 − rate)` in training, `x` in evaluation.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        if !isTraining || rate == 0 { return input }
        return dropout(input, rate: rate, isTraining: true, using: &generator)
    }
}
