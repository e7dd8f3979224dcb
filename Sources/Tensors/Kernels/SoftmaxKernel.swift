import Foundation

/// Numerically stable row kernels: every row is shifted by its maximum before `exp`.
enum SoftmaxKernel {
    /// y = softmax(x) over each of `rows` contiguous rows of length `n`;
    /// returns nothing, writes `y`. Uses the vectorised exp.
    static func softmax(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, n: Int) {
        for r in 0..<rows {
            let xr = x + r &* n, yr = y + r &* n
            let m = rowMax(xr, n)
            VectorMath.map(xr, yr, n) { VectorMath.exp($0 - m) }
            var s: Float = 0
            for j in 0..<n { s += yr[j] }
            let inv = 1 / s
            for j in 0..<n { yr[j] *= inv }
        }
    }

    /// y = x − logsumexp(x) over each row (log-softmax).
    static func logSoftmax(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, n: Int) {
        for r in 0..<rows {
            let xr = x + r &* n, yr = y + r &* n
            let lse = logSumExp(xr, n, scratch: yr)
            for j in 0..<n { yr[j] = xr[j] - lse }
        }
    }

    /// log Σ exp(x) of one row (uses `scratch`, n elements, for the exponentials).
    @inline(__always)
    static func logSumExp(_ x: UnsafePointer<Float>, _ n: Int, scratch: UnsafeMutablePointer<Float>) -> Float {
        let m = rowMax(x, n)
        VectorMath.map(x, scratch, n) { VectorMath.exp($0 - m) }
        var s: Float = 0
        for j in 0..<n { s += scratch[j] }
        return m + log(s)
    }

    @inline(__always)
    static func rowMax(_ x: UnsafePointer<Float>, _ n: Int) -> Float {
        var m = -Float.infinity
        for j in 0..<n { m = Swift.max(m, x[j]) }
        return m
    }
}
