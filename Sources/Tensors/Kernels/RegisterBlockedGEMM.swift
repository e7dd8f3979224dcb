/// `BLAS.gemm`'s own path for the narrow products of the lesson models: `RegisterBlockedProduct`
/// (a 4 × 16 block of C in registers, fused multiply-adds) over panels of op(B), instead of
/// `cblas_sgemm`.
///
/// Why: OpenBLAS packs both operands into its own layout on every call and zero-fills C first
/// when beta = 0; with a 64- or 128-wide inner dimension that packing costs about as much as
/// the arithmetic it prepares. Here op(B) is read in place when it is already row-major (only
/// op(B) = Bᵀ is packed, into a small transposed panel), A is read through strides (so Aᵀ
/// needs no copy), and C is written once. CPU time per multiply-add, 1 thread, 2-core AMD EPYC
/// (Zen), OpenBLAS 0.3.21 Haswell kernels, GMAC/s OpenBLAS → here:
/// `[768, 64] · [64, 64]ᵀ` 10.5 → 18.0, `[768, 64] · [64, 128]ᵀ` 7.8 → 17.2,
/// `[64, 768]ᵀ · [768, 64]` (a weight gradient) 9.9 → 17.5, `[64, 64] · [64, 192]` 17.8 → 18.7.
/// OpenBLAS stays faster for large square products (512³: 16.8 against 16.3) and where a
/// transposed B has to be packed for few rows (`[64, 64] · [64, 192]ᵀ` 17.0 against 14.5), which
/// `suits` leaves to it.
enum RegisterBlockedGEMM {
    /// op(B) panels are at most this many floats (32 KB: one core's L1 data cache), so a panel
    /// stays in cache while every row of A streams past it.
    static let panelFloats = 8192
    /// Panels are cut this wide when op(B) as a whole is larger than `panelFloats`.
    static let panelWidth = 64
    /// Products up to this many multiply-adds (larger ones are left to OpenBLAS's cache blocking).
    static let largestWork = 1 << 23

    /// Whether this path runs `call` (alpha 1, beta 0 or 1, whole 8-lane column blocks, at most
    /// 256 columns and `largestWork`; a transposed B only from 256 rows, where packing it pays).
    static func suits(_ call: GEMMCall) -> Bool {
        call.alpha == 1 && (call.beta == 0 || call.beta == 1) && call.m >= 16 && call.n >= 8
            && call.n % 8 == 0 && call.n <= 256 && call.work <= largestWork
            && (!call.transposeB || call.m >= 256)
    }

    /// C = op(A) · op(B) (+ C when beta = 1, + the bias rows when set), panel by panel: columns cut to `panelWidth` when
    /// op(B) is larger than `panelFloats`, the inner dimension cut so a panel fits; every slice
    /// after the first adds to C.
    static func run(_ call: GEMMCall) {
        let width = call.n &* Swift.min(call.k, 128) <= panelFloats ? call.n : panelWidth
        let depth = width &* call.k <= panelFloats ? call.k : Swift.max(16, panelFloats / width / 16 &* 16)
        let packed = call.transposeB ? depth &* width : 0
        withUnsafeTemporaryAllocation(of: Float.self, capacity: Swift.max(packed, 1)) { buffer in
            let scratch = buffer.baseAddress!
            var column = 0
            while column < call.n {
                let w = Swift.min(width, call.n &- column)
                var slice = 0
                while slice < call.k {
                    let d = Swift.min(depth, call.k &- slice)
                    var b = call.b + (slice &* call.ldb &+ column)
                    var ldb = call.ldb
                    if call.transposeB {  // scratch[p · w + j] = B[column + j, slice + p]
                        for j in 0..<w {
                            let row = call.b + ((column &+ j) &* call.ldb &+ slice)
                            for p in 0..<d { scratch[p &* w &+ j] = row[p] }
                        }
                        b = UnsafePointer(scratch)
                        ldb = w
                    }
                    let a = call.transposeA ? call.a + slice &* call.lda : call.a + slice
                    RegisterBlockedProduct.run(
                        m: call.m, n: w, k: d, a: a, aRowStride: call.transposeA ? 1 : call.lda,
                        aColumnStride: call.transposeA ? call.lda : 1, b: b, ldb: ldb, c: call.c + column,
                        ldc: call.ldc, accumulate: call.beta == 1 || slice > 0,
                        bias: slice == 0 ? call.bias.map { $0 + column } : nil)
                    slice &+= d
                }
                column &+= w
            }
        }
    }
}
