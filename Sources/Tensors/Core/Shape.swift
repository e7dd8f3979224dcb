/// Shape arithmetic shared by the ops: element counts, strides, axis normalisation, broadcasting.
enum Shape {
    /// The number of elements of a tensor of shape `shape` (1 for a scalar, `[]`).
    @inlinable
    static func count(_ shape: [Int]) -> Int {
        var n = 1
        for d in shape { n = n &* d }
        return n
    }

    /// Row-major strides (in elements) of `shape`.
    static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var s = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i] = s
            s = s &* shape[i]
        }
        return strides
    }

    /// `axis` made non-negative (`-1` is the last axis); crashes with `op`'s name when out of range.
    static func normalize(
        axis: Int, rank: Int, op: String, file: StaticString = #fileID, line: UInt = #line
    ) -> Int {
        let a = axis < 0 ? axis + rank : axis
        if a < 0 || a >= max(rank, 1) {
            shapeFailure("\(op): axis \(axis) is out of range for a tensor of rank \(rank)", file: file, line: line)
        }
        return a
    }

    /// The NumPy broadcast of two shapes, or `nil` when they are incompatible.
    static func broadcast(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 {
                result[i] = da
            } else if da == 1 {
                result[i] = db
            } else {
                return nil
            }
        }
        return result
    }

    /// Splits `shape` around `axis` into (product of leading dims, dim, product of trailing dims).
    static func split(_ shape: [Int], at axis: Int) -> (outer: Int, length: Int, inner: Int) {
        var outer = 1
        var inner = 1
        for i in 0..<axis { outer = outer &* shape[i] }
        for i in (axis + 1)..<shape.count { inner = inner &* shape[i] }
        return (outer, shape[axis], inner)
    }
}
