/// Reshaping (free: shares storage) and axis permutations (copies into the new order).
extension Tensor {
    /// The same elements with shape `newShape`; one dimension may be −1 (inferred).
    /// Gradient: g reshaped back. Stops when the element counts differ.
    public func reshaped(to newShape: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        var target = newShape
        if let inferred = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().reduce(1) { $1.offset == inferred ? $0 : $0 * $1.element }
            if known == 0 || count % known != 0 {
                shapeFailure(
                    .shapeMismatch(
                        operation: "reshape", shapes: [shape, newShape],
                        detail: "\(count) elements cannot fill \(newShape)"),
                    file: file, line: line)
            }
            target[inferred] = count / known
        }
        if Shape.count(target) != count || target.contains(where: { $0 < 0 }) {
            shapeFailure(
                .shapeMismatch(
                    operation: "reshape", shapes: [shape, newShape],
                    detail: "\(count) elements ≠ \(Shape.count(target))"),
                file: file, line: line)
        }
        var y = withShape(target)
        let original = shape
        y.record(self) { g in g.withShape(original) }
        return y
    }

    /// All elements as a vector, shape `[count]`.
    public func flattened() -> Tensor { reshaped(to: [count]) }

    /// Inserts an axis of size 1 at `axis` (−1 appends).
    public func expandingShape(at axis: Int) -> Tensor {
        var s = shape
        let a = axis < 0 ? axis + rank + 1 : axis
        s.insert(1, at: Swift.min(Swift.max(a, 0), rank))
        return reshaped(to: s)
    }

    /// Removes axes of size 1 (all of them, or only `axes`).
    public func squeezingShape(at axes: [Int]? = nil) -> Tensor {
        let drop = Set(
            (axes ?? Array(0..<rank).filter { shape[$0] == 1 }).map {
                Shape.normalize(axis: $0, rank: rank, op: "squeeze")
            })
        return reshaped(to: shape.enumerated().filter { !drop.contains($0.offset) }.map(\.element))
    }

    /// The axes reordered: result axis i is input axis `axes[i]` (like `torch.permute`).
    /// Gradient: g permuted by the inverse permutation.
    public func permuted(_ axes: [Int], file: StaticString = #fileID, line: UInt = #line) -> Tensor {
        let perm = axes.map { Shape.normalize(axis: $0, rank: rank, op: "permute", file: file, line: line) }
        if perm.count != rank || Set(perm).count != rank {
            shapeFailure(
                "permute: \(axes) is not a permutation of the \(rank) axes of shape \(shape)",
                file: file, line: line)
        }
        if perm == Array(0..<rank) { return self }
        let outShape = perm.map { shape[$0] }
        let y = Tensor(uninitializedShape: outShape)
        let inStrides = Shape.strides(shape)
        let strides = perm.map { inStrides[$0] }
        Tensor.stridedCopy(from: storage.pointer, strides: strides, shape: outShape, to: y.storage.pointer)
        var result = y
        var inverse = [Int](repeating: 0, count: rank)
        for (i, p) in perm.enumerated() { inverse[p] = i }
        result.record(self) { g in g.permuted(inverse) }
        return result
    }

    /// Swaps two axes (default: the last two, i.e. the matrix transpose of each batch element).
    public func transposed(_ axis0: Int = -2, _ axis1: Int = -1) -> Tensor {
        if rank < 2 { return self }
        var perm = Array(0..<rank)
        let a = Shape.normalize(axis: axis0, rank: rank, op: "transpose")
        let b = Shape.normalize(axis: axis1, rank: rank, op: "transpose")
        perm.swapAt(a, b)
        return permuted(perm)
    }

    /// Copies the strided view (`strides` in source elements, output `shape`) contiguously.
    static func stridedCopy(
        from src: UnsafePointer<Float>, strides: [Int], shape: [Int], to dst: UnsafeMutablePointer<Float>
    ) {
        let rank = shape.count
        let total = Shape.count(shape)
        if total == 0 { return }
        if rank == 0 {
            dst[0] = src[0]
            return
        }
        let inner = shape[rank - 1]
        let innerStride = strides[rank - 1]
        var index = [Int](repeating: 0, count: rank)
        var offset = 0
        var out = 0
        while out < total {
            if innerStride == 1 && inner <= 64 {  // e.g. one attention head: a loop beats a memmove call
                for j in 0..<inner { dst[out &+ j] = src[offset &+ j] }
            } else if innerStride == 1 {
                (dst + out).update(from: src + offset, count: inner)
            } else {
                for j in 0..<inner { dst[out &+ j] = src[offset &+ j &* innerStride] }
            }
            out &+= inner
            var axis = rank - 2
            while axis >= 0 {
                index[axis] &+= 1
                offset &+= strides[axis]
                if index[axis] < shape[axis] { break }
                offset &-= strides[axis] &* shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
    }
}
