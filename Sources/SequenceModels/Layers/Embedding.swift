import Tensors

/// A lookup table of token vectors, like `torch.nn.Embedding`.
///
/// Token ids laid out as `[batch, time]` (row-major `[Int]`) → vectors `[batch, time, dim]`.
/// Parameter: `weight` `[vocabularySize, dim]`, initialised N(0, 1) as in PyTorch.
public struct Embedding: Module {
    /// The table, shape `[vocabularySize, dim]`.
    public let weight: Parameter

    /// The number of rows (token ids `0..<vocabularySize`).
    public var vocabularySize: Int { weight.shape[0] }
    /// The length of each vector.
    public var dim: Int { weight.shape[1] }

    /// A table with N(0, std²) entries (PyTorch's default std is 1).
    public init(vocabularySize: Int, dim: Int, standardDeviation: Float = 1, rng: inout RandomGenerator) {
        weight = Parameter(
            Tensor.randomNormal([vocabularySize, dim], standardDeviation: standardDeviation, using: &rng))
    }

    /// A table with the given values `[vocabularySize, dim]`.
    public init(weight: Tensor) {
        requireArgument(weight.rank == 2, "Embedding: weight must be [vocabulary, dim], got \(weight.shape)")
        self.weight = Parameter(weight)
    }

    /// `weight`.
    public var namedParameters: [NamedParameter] { [NamedParameter("weight", weight)] }

    /// The rows for `tokens` laid out as `shape` (default `[tokens.count]`) → `shape + [dim]`.
    public func callAsFunction(_ tokens: [Int], shape: [Int]? = nil) -> Tensor {
        weight.value.gatheringRows(tokens, shape: shape)
    }

    /// The rows for a batch of equally long sequences `[batch][time]` → `[batch, time, dim]`.
    public func callAsFunction(_ tokens: [[Int]]) -> Tensor {
        let time = tokens.first?.count ?? 0
        requireArgument(
            tokens.allSatisfy { $0.count == time },
            "Embedding: all sequences must have the same length (pad them), got lengths \(tokens.map(\.count))")
        return weight.value.gatheringRows(tokens.flatMap { $0 }, shape: [tokens.count, time])
    }
}
