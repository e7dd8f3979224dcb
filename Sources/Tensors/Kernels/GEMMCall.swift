/// One row-major single-precision product C = alpha · op(A) · op(B) + beta · C as plain values,
/// and the sub-products over a range of its rows, columns or inner dimension (pointer offsets
/// into the same operands), so `BLAS.gemm` can tile a product and hand tiles to threads.
struct GEMMCall {
    var transposeA: Bool, transposeB: Bool
    var m: Int, n: Int, k: Int
    var alpha: Float
    var a: UnsafePointer<Float>, lda: Int
    var b: UnsafePointer<Float>, ldb: Int
    var beta: Float
    var c: UnsafeMutablePointer<Float>, ldc: Int
    /// When set (n floats, with beta = 0): every row of C starts from it instead of zero,
    /// C = alpha · op(A) · op(B) + 1 · biasᵀ.
    var bias: UnsafePointer<Float>? = nil

    /// Multiply-adds (m · n · k).
    var work: Int { m &* n &* k }

    /// Rows `range` of C: the same rows of op(A), all of op(B).
    func rows(_ range: Range<Int>) -> GEMMCall {
        var part = self
        part.m = range.count
        part.a = transposeA ? a + range.lowerBound : a + range.lowerBound &* lda
        part.c = c + range.lowerBound &* ldc
        return part
    }

    /// Columns `range` of C: all of op(A), the same columns of op(B).
    func columns(_ range: Range<Int>) -> GEMMCall {
        var part = self
        part.n = range.count
        part.b = transposeB ? b + range.lowerBound &* ldb : b + range.lowerBound
        part.c = c + range.lowerBound
        part.bias = bias.map { $0 + range.lowerBound }
        return part
    }

    /// The share of the inner dimension `range`: op(A)'s columns and op(B)'s rows in `range`.
    /// Summing the parts gives the product (the first part with `beta` and `bias`, the others
    /// with beta = 1 and no bias).
    func depth(_ range: Range<Int>) -> GEMMCall {
        var part = self
        part.k = range.count
        part.a = transposeA ? a + range.lowerBound &* lda : a + range.lowerBound
        part.b = transposeB ? b + range.lowerBound : b + range.lowerBound &* ldb
        return part
    }

    /// Runs this product in one `cblas_sgemm` call on the calling thread (`bias` must have been
    /// written into C's rows, and beta set to 1, by the caller).
    func callOpenBLAS() {
        OpenBLAS.sgemm(
            OpenBLAS.rowMajor, transposeA ? OpenBLAS.transpose : OpenBLAS.noTranspose,
            transposeB ? OpenBLAS.transpose : OpenBLAS.noTranspose,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}

/// Where a range `0..<count` is cut into `parts` nearly equal pieces, at multiples of `align`
/// where possible (so a BLAS micro-kernel's tiles stay full): piece p is `bounds(p)..<bounds(p+1)`.
@inline(__always)
func splitPoint(_ count: Int, part: Int, of parts: Int, align: Int) -> Int {
    if part >= parts { return count }
    let even = count &* part / parts
    let aligned = even / align &* align
    return aligned > 0 ? aligned : even
}
