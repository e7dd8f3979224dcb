/// Constant tensors: zeros, ones, filled, ranges, identity.
extension Tensor {
    /// All zeros, shape `shape`.
    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 0) }

    /// All ones, shape `shape`.
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(shape: shape, repeating: 1) }

    /// Zeros with the shape of `other`.
    public static func zeros(like other: Tensor) -> Tensor { zeros(other.shape) }

    /// Ones with the shape of `other`.
    public static func ones(like other: Tensor) -> Tensor { ones(other.shape) }

    /// Every element equal to `value`, shape `shape`.
    public static func full(_ shape: [Int], _ value: Float) -> Tensor { Tensor(shape: shape, repeating: value) }

    /// The vector [start, start + step, …] of every value below `end` (shape `[count]`),
    /// like `torch.arange(start, end, step)`.
    public static func arange(_ start: Float = 0, _ end: Float, step: Float = 1) -> Tensor {
        requireArgument(step != 0, "arange: step must not be 0")
        let n = Swift.max(0, Int(((end - start) / step).rounded(.up)))
        let y = Tensor(uninitializedShape: [n])
        for i in 0..<n { y.storage.pointer[i] = start + Float(i) * step }
        return y
    }

    /// The vector [0, 1, …, n − 1] (shape `[n]`).
    public static func arange(_ n: Int) -> Tensor { arange(0, Float(n)) }

    /// The n × n identity matrix.
    public static func identity(_ n: Int) -> Tensor {
        let y = zeros([n, n])
        for i in 0..<n { y.storage.pointer[i &* n &+ i] = 1 }
        return y
    }

    /// One-hot rows: shape `[indices.count, classes]` with a 1 at column `indices[i]` of row i
    /// (rows whose index is outside `0..<classes`, e.g. a padding index, stay all zero).
    public static func oneHot(_ indices: [Int], classes: Int) -> Tensor {
        let y = zeros([indices.count, classes])
        for (i, c) in indices.enumerated() where c >= 0 && c < classes {
            y.storage.pointer[i &* classes &+ c] = 1
        }
        return y
    }
}
