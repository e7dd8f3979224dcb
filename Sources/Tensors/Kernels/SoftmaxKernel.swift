import Foundation

/// Numerically stable row kernels: every row is shifted by its maximum before `exp`.
enum SoftmaxKernel {
    /// y = softmax(x) over each of `rows` contiguous rows of length `n`.
    ///
    /// The row loop and the vectorised exp live in this one function, so the exp constants are
    /// loaded once rather than once per row (calling `RowKernels.expShifted` per 32-element row
    /// doubled the cost).
    /// When `logSumExp` is given, row r's log Σ exp x is written to `logSumExp[r]`.
    static func softmax(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, n: Int,
        logSumExp: UnsafeMutablePointer<Float>? = nil
    ) {
        typealias V = SIMD16<Float>
        if n % 16 != 0 {
            for r in 0..<rows {
                let xr = x + r &* n
                let yr = y + r &* n
                let m = RowKernels.maximum(xr, n)
                let s = RowKernels.expShifted(xr, yr, n, shift: m)
                RowKernels.scale(yr, n, by: 1 / s)
                logSumExp?[r] = m + log(s)
            }
            return
        }
        // Two passes: exponentials and row sums first, then the scaling, so no row waits on the
        // division and horizontal sum of the row before it (a long latency chain at n = 32).
        withUnsafeTemporaryAllocation(of: Float.self, capacity: rows) { totals in
            for r in 0..<rows {
                let xr = x + r &* n
                let yr = y + r &* n
                let m = RowKernels.maximum(xr, n)
                let shift = V(repeating: m)
                var acc = V()
                var i = 0
                while i < n {
                    let e = VectorMath.exp(RowKernels.load(xr + i) - shift)
                    RowKernels.store(e, yr + i)
                    acc += e
                    i &+= 16
                }
                let total = RowKernels.total(acc)
                totals[r] = total
                logSumExp?[r] = m + log(total)
            }
            for r in 0..<rows {
                let yr = y + r &* n
                let inv = V(repeating: 1 / totals[r])
                var i = 0
                while i < n {
                    RowKernels.store(RowKernels.load(yr + i) * inv, yr + i)
                    i &+= 16
                }
            }
        }
    }

    /// y = x − logsumexp(x) over each row (log-softmax).
    static func logSoftmax(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, n: Int) {
        for r in 0..<rows {
            let xr = x + r &* n
            let yr = y + r &* n
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
