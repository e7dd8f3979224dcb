import Tensors

/// The Neural Turing Machine copy task (Graves et al., 2014): read a sequence of random
/// bit vectors, then a delimiter, then write the sequence back.
///
/// For a sequence of T vectors of `width` bits, with batch B:
/// - `inputs` `[B, 2T + 1, width + 1]`: steps 0..<T carry the bits (last channel 0), step T is
///   the delimiter (only the last channel is 1), steps T+1…2T are blank (the answer phase).
/// - `targets` `[B, T, width]`: the bits to emit during the answer phase (steps T+1…2T).
public struct BitCopyBatch: Sendable {
    /// The number of bits per vector.
    public var width: Int
    /// T, the number of vectors to remember.
    public var length: Int
    /// The model input `[batch, 2·length + 1, width + 1]`.
    public var inputs: Tensor
    /// The expected output during the answer phase `[batch, length, width]` (0/1).
    public var targets: Tensor

    /// The batch size.
    public var batchSize: Int { inputs.shape[0] }

    /// A batch of `batchSize` random sequences of `length` vectors of `width` bits, each bit 1
    /// with probability ½, drawn from `generator`.
    public init(batchSize: Int, length: Int, width: Int, using generator: inout RandomGenerator) {
        self.width = width
        self.length = length
        let steps = 2 * length + 1
        let channels = width + 1
        var input = [Float](repeating: 0, count: batchSize * steps * channels)
        var target = [Float](repeating: 0, count: batchSize * length * width)
        for b in 0..<batchSize {
            for t in 0..<length {
                for k in 0..<width where generator.next() & 1 == 1 {
                    input[(b * steps + t) * channels + k] = 1
                    target[(b * length + t) * width + k] = 1
                }
            }
            input[(b * steps + length) * channels + width] = 1
        }
        inputs = Tensor(shape: [batchSize, steps, channels], scalars: input)
        targets = Tensor(shape: [batchSize, length, width], scalars: target)
    }
}

extension SequenceTasks {
    /// `count` bit-copy batches with lengths drawn uniformly from `lengths` (one length per
    /// batch, so no padding is needed), deterministic under `seed`.
    public static func bitCopy(
        batches count: Int, batchSize: Int, lengths: ClosedRange<Int>, width: Int = 8, seed: UInt64
    ) -> [BitCopyBatch] {
        var rng = RandomGenerator(seed: seed)
        return (0..<count).map { _ in
            let length = rng.int(in: lengths)
            return BitCopyBatch(batchSize: batchSize, length: length, width: width, using: &rng)
        }
    }

    /// Bit accuracy of predicted logits or probabilities `[B, T, width]` against 0/1 targets:
    /// the fraction of bits where (prediction > `threshold`) equals the target.
    public static func bitAccuracy(_ predictions: Tensor, targets: Tensor, threshold: Float = 0.5) -> Double {
        requireArgument(
            predictions.shape == targets.shape, "bitAccuracy: shapes \(predictions.shape) and \(targets.shape) differ")
        let p = predictions.scalars
        let t = targets.scalars
        var correct = 0
        for i in p.indices where (p[i] > threshold) == (t[i] > 0.5) { correct += 1 }
        return p.isEmpty ? 0 : Double(correct) / Double(p.count)
    }
}
