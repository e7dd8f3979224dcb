/// The single place that calls BLAS: row-major single-precision GEMM, tiled and split across
/// threads by Tensors itself (OpenBLAS runs every call on one thread); narrow products (up to
/// 256 columns) run as `RegisterBlockedGEMM` instead, without OpenBLAS's packing.
///
/// Why tile: the lesson models' products are skinny (`[768, 64] · [64, 128]`, or a weight
/// gradient `[64, 768] · [768, 64]`), and OpenBLAS 0.3.21's Haswell/Zen kernels run such shapes
/// at half their speed on the shapes' 64-wide pieces (CPU time per multiply-add, 2-core AMD
/// EPYC): `[768, 64] · [64, 128]` 300 ms per 2·10⁹ multiply-adds whole, 241 ms as two 64-column
/// panels; `[768, 64] · [64, 192]` 349 ms → 243 ms; `[64, 768] · [768, 64]` 238 ms → 190 ms as
/// six 128-deep slices. Why split threads here: OpenBLAS's own threads pay only from ~256³ up,
/// while row halves on two threads pay from ~2¹⁸ multiply-adds.
enum BLAS {
    /// C[m×n] = alpha · op(A) · op(B) + beta · C, all row-major; op(X) is X or Xᵀ. With `bias`
    /// (n floats; beta must be 0), C = alpha · op(A) · op(B) + 1 · biasᵀ: every row starts from
    /// the bias (a linear layer's affine map in one call).
    ///
    /// `a` is [m, k] (or [k, m] when `transposeA`), `b` is [k, n] (or [n, k] when `transposeB`).
    @inline(__always)
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int, bias: UnsafePointer<Float>? = nil
    ) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            if let bias {
                for i in 0..<m { (c + i &* ldc).update(from: bias, count: n) }
            } else if beta == 0 {
                for i in 0..<m { (c + i &* ldc).initialize(repeating: 0, count: n) }
            } else if beta != 1 {
                for i in 0..<m { for j in 0..<n { c[i &* ldc &+ j] *= beta } }
            }
            return
        }
        run(
            GEMMCall(
                transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc, bias: bias))
    }

    /// Products with at least this many multiply-adds (m·n·k) are split across the threads
    /// (~20 µs of work on one core, against a few µs for the hop).
    static let parallelWork = 1 << 18

    /// The thread count Tensors may use: what OpenBLAS started with (OPENBLAS_NUM_THREADS or the
    /// core count). Reading it first switches OpenBLAS itself to one thread for good.
    static let maximumThreads: Int = {
        let threads = Int(OpenBLAS.getThreadCount())
        OpenBLAS.setThreadCount(1)
        return Swift.max(threads, 1)
    }()

    /// Splits `call` into one part per thread along its longer side of C (rows or columns),
    /// then tiles each part.
    static func run(_ call: GEMMCall) {
        let threads = maximumThreads
        let alongRows = call.m >= call.n
        let side = alongRows ? call.m : call.n
        let parts = Swift.min(threads, side / 16)
        if parts < 2 || call.work < parallelWork {
            tiled(call)
            return
        }
        ParallelLoop.run(units: parts, work: call.work, minimumWork: parallelWork) { range in
            for part in range {
                let slice =
                    splitPoint(
                        side, part: part, of: parts, align: 16)..<splitPoint(
                        side, part: part + 1, of: parts, align: 16)
                tiled(alongRows ? call.rows(slice) : call.columns(slice))
            }
        }
    }

    /// Columns are cut into panels of at most `panelWidth` when C is tall and the product is
    /// at least `panelWidth` deep.
    static let panelWidth = 64
    /// The inner dimension is cut into slices of about `depthSlice` from `longDepth` up.
    static let depthSlice = 128
    static let longDepth = 512

    /// Runs `call` on this thread: narrow products as `RegisterBlockedGEMM` (no packing by
    /// OpenBLAS), the others through OpenBLAS as panels and depth slices (see the type's
    /// measurements).
    static func tiled(_ call: GEMMCall) {
        if RegisterBlockedGEMM.suits(call) {
            RegisterBlockedGEMM.run(call)
            return
        }
        var call = call
        if let bias = call.bias {  // OpenBLAS adds the product to the bias rows
            for i in 0..<call.m { (call.c + i &* call.ldc).update(from: bias, count: call.n) }
            call.bias = nil
            call.beta = 1
        }
        let panels =
            call.n > panelWidth && call.m >= 256 && call.k >= panelWidth ? (call.n + panelWidth - 1) / panelWidth : 1
        let slices = call.k >= longDepth ? (call.k + depthSlice - 1) / depthSlice : 1
        for p in 0..<panels {
            let panel =
                panels == 1
                ? call
                : call.columns(
                    splitPoint(
                        call.n, part: p, of: panels, align: 16)..<splitPoint(call.n, part: p + 1, of: panels, align: 16)
                )
            for s in 0..<slices {
                var slice =
                    slices == 1
                    ? panel
                    : panel.depth(
                        splitPoint(
                            call.k, part: s, of: slices, align: 16)..<splitPoint(
                                call.k, part: s + 1, of: slices, align: 16))
                if s > 0 { slice.beta = 1 }
                slice.callOpenBLAS()
            }
        }
    }
}
