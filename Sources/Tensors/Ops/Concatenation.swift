/// Joining tensors: concatenation along an existing axis and stacking along a new one.
extension Tensor {
    /// Joins `tensors` along `axis`; all other axes must match.
    /// Gradient: each input receives its slice of g.
    public static func concatenate(
        _ tensors: [Tensor], axis: Int = 0, file: StaticString = #fileID, line: UInt = #line
    ) -> Tensor {
        guard let first = tensors.first else {
            shapeFailure("concatenate: no tensors given", file: file, line: line)
        }
        let a = Shape.normalize(axis: axis, rank: first.rank, op: "concatenate", file: file, line: line)
        var total = 0
        for t in tensors {
            var s = t.shape
            var f = first.shape
            if t.rank == first.rank {
                s[a] = 0
                f[a] = 0
            }
            if s != f {
                shapeFailure(
                    .shapeMismatch(
                        operation: "concatenate", shapes: [first.shape, t.shape],
                        detail: "all axes but \(a) must be equal"),
                    file: file, line: line)
            }
            total += t.shape[a]
        }
        var outShape = first.shape
        outShape[a] = total
        let (outer, _, inner) = Shape.split(outShape, at: a)
        var y = Tensor(uninitializedShape: outShape)
        let q = y.storage.pointer
        let rowOut = total &* inner
        var offset = 0
        var offsets: [Int] = []
        for t in tensors {
            offsets.append(offset)
            let chunk = t.shape[a] &* inner
            let p = t.storage.pointer
            for o in 0..<outer { (q + (o &* rowOut &+ offset)).update(from: p + o &* chunk, count: chunk) }
            offset &+= chunk
        }
        let shapes = tensors.map(\.shape)
        y.record(tensors) { g, needed in
            let pg = g.storage.pointer
            return shapes.indices.map { i -> Tensor? in
                guard needed[i] else { return nil }
                let dx = Tensor(uninitializedShape: shapes[i])
                let chunk = shapes[i][a] &* inner
                for o in 0..<outer {
                    (dx.storage.pointer + o &* chunk).update(from: pg + (o &* rowOut &+ offsets[i]), count: chunk)
                }
                return dx
            }
        }
        return y
    }

    /// Stacks equally shaped tensors along a new axis `axis`
    /// (n tensors of `[b, d]` with axis 1 → `[b, n, d]`).
    public static func stack(
        _ tensors: [Tensor], axis: Int = 0, file: StaticString = #fileID, line: UInt = #line
    ) -> Tensor {
        guard let first = tensors.first else {
            shapeFailure("stack: no tensors given", file: file, line: line)
        }
        if let bad = tensors.first(where: { $0.shape != first.shape }) {
            shapeFailure(
                .shapeMismatch(
                    operation: "stack", shapes: [first.shape, bad.shape], detail: "all shapes must be equal"),
                file: file, line: line)
        }
        let a = axis < 0 ? axis + first.rank + 1 : axis
        if a < 0 || a > first.rank {
            shapeFailure(
                "stack: axis \(axis) is out of range for tensors of rank \(first.rank)", file: file, line: line)
        }
        return concatenate(tensors.map { $0.expandingShape(at: a) }, axis: a, file: file, line: line)
    }
}
