import Foundation

/// Numerically stable row kernels: every row is shifted by its maximum before `exp`.
enum SoftmaxKernel {
    /// y = softmax(x) over each of `rows` contiguous rows of length `n`.
    static func softmax(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, n: Int) {
        for r in 0..<rows {
            let xr = x + r &* n, yr = y + r &* n
            let s = RowKernels.expShifted(xr, yr, n, shift: RowKernels.maximum(xr, n))
            RowKernels.scale(yr, n, by: 1 / s)
        }
    }

    /// y = x − logsumexp(x) over each row (log-softmax).
    static func logSoftmax(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, n: Int) {
        for r in 0..<rows {
            let xr = x + r &* n, yr = y + r &* n
            let m = RowKernels.maximum(xr, n)
            let lse = m + log(RowKernels.expShifted(xr, yr, n, shift: m))
            for j in 0..<n { yr[j] = xr[j] - lse }
        }
    }

    /// dx = y ⊙ (g − Σ g ⊙ y) per row: the softmax pullback given its output y.
    static func softmaxBackward(
        _ g: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, rows: Int, n: Int
    ) {
        for r in 0..<rows {
            let o = r &* n
            let dot = RowKernels.dot(g + o, y + o, n)
            for j in 0..<n { dx[o &+ j] = y[o &+ j] * (g[o &+ j] - dot) }
        }
    }

    /// dx = g − exp(y) · Σ g per row: the log-softmax pullback given its output y.
    static func logSoftmaxBackward(
        _ g: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, rows: Int, n: Int
    ) {
        for r in 0..<rows {
            let o = r &* n
            let s = RowKernels.sum(g + o, n)
            VectorMath.map(y + o, dx + o, n) { VectorMath.exp($0) }
            for j in 0..<n { dx[o &+ j] = g[o &+ j] - dx[o &+ j] * s }
        }
    }
}
