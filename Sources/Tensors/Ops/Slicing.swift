/// Taking parts of a tensor: ranges and single indices along an axis, and equal chunks.
extension Tensor {
    /// The elements whose index along `axis` lies in `range` (the axis keeps `range.count`).
    /// Gradient: g placed back into zeros at the same positions.
    public func slice(
        axis: Int, _ range: Range<Int>, file: StaticString = #fileID, line: UInt = #line
    ) -> Tensor {
        let a = Shape.normalize(axis: axis, rank: rank, op: "slice", file: file, line: line)
        if range.lowerBound < 0 || range.upperBound > shape[a] {
            shapeFailure(
                "slice: range \(range) is out of bounds for axis \(a) of shape \(shape)", file: file, line: line)
        }
        let (outer, n, inner) = Shape.split(shape, at: a)
        let len = range.count
        var outShape = shape
        outShape[a] = len
        var y = Tensor(uninitializedShape: outShape)
        let chunk = len &* inner
        let p = storage.pointer
        let q = y.storage.pointer
        for o in 0..<outer {
            (q + o &* chunk).update(from: p + (o &* n &+ range.lowerBound) &* inner, count: chunk)
        }
        let original = shape
        // the gradient goes into the slice's region of the input's gradient: a fresh one is
        // zero elsewhere, an existing one (the other chunks of a `chunked`) only gains the region
        y.recordAccumulating(self) { g, sink in
            sink.add(shape: original) { pd, accumulate in
                let pg = g.storage.pointer
                if !accumulate { pd.initialize(repeating: 0, count: Shape.count(original)) }
                for o in 0..<outer {
                    let region = pd + (o &* n &+ range.lowerBound) &* inner
                    let source = pg + o &* chunk
                    if accumulate {
                        for i in 0..<chunk { region[i] += source[i] }
                    } else {
                        region.update(from: source, count: chunk)
                    }
                }
            }
        }
        return y
    }

    /// The sub-tensor at `index` along `axis`, with that axis removed
    /// (e.g. time step t of `[batch, time, d]` is `select(axis: 1, index: t)` → `[batch, d]`).
    /// Negative indices count from the end.
    public func select(
        axis: Int, index: Int, file: StaticString = #fileID, line: UInt = #line
    ) -> Tensor {
        let a = Shape.normalize(axis: axis, rank: rank, op: "select", file: file, line: line)
        let i = index < 0 ? index + shape[a] : index
        if i < 0 || i >= shape[a] {
            shapeFailure(
                "select: index \(index) is out of range for axis \(a) of shape \(shape)", file: file, line: line)
        }
        return slice(axis: a, i..<(i + 1), file: file, line: line)
            .reshaped(to: Tensor.removing(a, from: shape))
    }

    /// The sub-tensor at `index` along the first axis (rank decreases by one).
    public subscript(index: Int) -> Tensor { select(axis: 0, index: index) }

    /// The sub-tensor for `range` along the first axis.
    public subscript(range: Range<Int>) -> Tensor { slice(axis: 0, range) }

    /// `parts` equal slices along `axis` (its length must divide evenly), e.g. the three gate
    /// blocks of a GRU projection `[batch, 3h]` → 3 × `[batch, h]`.
    public func chunked(
        into parts: Int, axis: Int = -1, file: StaticString = #fileID, line: UInt = #line
    ) -> [Tensor] {
        let a = Shape.normalize(axis: axis, rank: rank, op: "chunked", file: file, line: line)
        if parts <= 0 || shape[a] % parts != 0 {
            shapeFailure(
                "chunked: axis \(a) of shape \(shape) does not split into \(parts) equal parts", file: file, line: line)
        }
        let size = shape[a] / parts
        return (0..<parts).map { slice(axis: a, ($0 * size)..<(($0 + 1) * size)) }
    }

    /// Every index along `axis` as separate tensors with that axis removed (inverse of `stack`).
    public func unstacked(axis: Int = 0) -> [Tensor] {
        let a = Shape.normalize(axis: axis, rank: rank, op: "unstacked")
        return (0..<shape[a]).map { select(axis: a, index: $0) }
    }
}
