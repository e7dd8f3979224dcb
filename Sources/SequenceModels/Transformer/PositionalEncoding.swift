import Foundation
import Tensors

/// The sinusoidal table of Vaswani et al.: PE[pos, 2i] = sin(pos / 10000^(2i/d)),
/// PE[pos, 2i+1] = cos(pos / 10000^(2i/d)). Shape `[length, dim]`; constant (no gradient).
public func sinusoidalPositionalEncoding(length: Int, dim: Int) -> Tensor {
    var values = [Float](repeating: 0, count: length * dim)
    for pos in 0..<length {
        for i in stride(from: 0, to: dim, by: 2) {
            let angle = Double(pos) * Foundation.exp(Double(i) * -Foundation.log(10000.0) / Double(dim))
            values[pos * dim + i] = Float(Foundation.sin(angle))
            if i + 1 < dim { values[pos * dim + i + 1] = Float(Foundation.cos(angle)) }
        }
    }
    return Tensor(shape: [length, dim], scalars: values)
}

/// How positions are encoded.
public enum PositionalEncodingKind: String, Sendable {
    /// The fixed sinusoidal table.
    case sinusoidal
    /// A trained table `[maxLength, dim]` (BERT/GPT style).
    case learned
}

/// Adds a position vector to every step: x `[batch, time, dim]` → x + PE[offset..<offset+time].
///
/// Sinusoidal: no parameters. Learned: parameter `weight` `[maxLength, dim]` ~ N(0, 0.02²).
public struct PositionalEncoding: Module {
    /// Which table.
    public let kind: PositionalEncodingKind
    /// The fixed table (sinusoidal kind), `[maxLength, dim]`.
    public let table: Tensor?
    /// The trained table (learned kind), `[maxLength, dim]`.
    public let weight: Parameter?
    /// The longest sequence (plus offset) that can be encoded.
    public let maxLength: Int

    /// A table for positions `0..<maxLength`.
    public init(_ kind: PositionalEncodingKind, maxLength: Int, dim: Int, rng: inout RandomGenerator) {
        self.kind = kind
        self.maxLength = maxLength
        switch kind {
        case .sinusoidal:
            table = sinusoidalPositionalEncoding(length: maxLength, dim: dim)
            weight = nil
        case .learned:
            table = nil
            weight = Parameter(Tensor.randomNormal([maxLength, dim], standardDeviation: 0.02, using: &rng))
        }
    }

    /// `weight` for the learned kind, none for the sinusoidal one.
    public var namedParameters: [NamedParameter] { weight.map { [NamedParameter("weight", $0)] } ?? [] }

    /// The vectors for positions `offset..<offset+count`: `[count, dim]`.
    public func encoding(count: Int, offset: Int = 0) -> Tensor {
        requireArgument(
            offset + count <= maxLength, "PositionalEncoding: position \(offset + count - 1) ≥ maxLength \(maxLength)")
        let full = weight?.value ?? table ?? Tensor.zeros([maxLength, 1])
        return full.slice(axis: 0, offset..<(offset + count))
    }

    /// x + PE for positions `offset..<offset+time` (`offset` > 0 when decoding step by step).
    public func callAsFunction(_ x: Tensor, offset: Int = 0) -> Tensor {
        x + encoding(count: x.shape[1], offset: offset)
    }
}
