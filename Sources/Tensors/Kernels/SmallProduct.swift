/// One small row-major product C[m×n] = op(A) · op(B) (+ C when accumulating) in Swift loops,
/// for batches of tiny products where a BLAS call's setup would cost more than the arithmetic.
///
/// With op(B) = B (rows contiguous) every row of C is built 16 columns at a time in registers,
/// Σₚ op(A)[i, p] · B[p, :]; with op(B) = Bᵀ each element is a dot product of op(A)'s row i and
/// B's row j.
enum SmallProduct {
    typealias V = SIMD16<Float>

    /// `a` is [m, k] (or [k, m] when `transposeA`) with row stride `lda`, `b` is [k, n] (or
    /// [n, k] when `transposeB`) with row stride `ldb`; `c` is [m, n], contiguous.
    @inline(__always)
    static func run(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        accumulate: Bool, c: UnsafeMutablePointer<Float>
    ) {
        @inline(__always) func opA(_ i: Int, _ p: Int) -> Float {
            transposeA ? a[p &* lda &+ i] : a[i &* lda &+ p]
        }
        for i in 0..<m {
            let row = c + i &* n
            if transposeB {
                for j in 0..<n {
                    let column = b + j &* ldb
                    var total: Float
                    if transposeA {
                        total = 0
                        for p in 0..<k { total += a[p &* lda &+ i] * column[p] }
                    } else {
                        total = RowKernels.dot(a + i &* lda, column, k)
                    }
                    row[j] = accumulate ? row[j] + total : total
                }
                continue
            }
            var j = 0
            while j &+ 16 <= n {
                var acc = accumulate ? RowKernels.load(row + j) : V()
                for p in 0..<k { acc += V(repeating: opA(i, p)) * RowKernels.load(b + (p &* ldb &+ j)) }
                RowKernels.store(acc, row + j)
                j &+= 16
            }
            while j < n {
                var total: Float = accumulate ? row[j] : 0
                for p in 0..<k { total += opA(i, p) * b[p &* ldb &+ j] }
                row[j] = total
                j &+= 1
            }
        }
    }
}
