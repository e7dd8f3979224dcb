import Synchronization

/// The single place that calls BLAS: row-major single-precision GEMM.
enum BLAS {
    /// C[m×n] = alpha · op(A) · op(B) + beta · C, all row-major; op(X) is X or Xᵀ.
    ///
    /// `a` is [m, k] (or [k, m] when `transposeA`), `b` is [k, n] (or [n, k] when `transposeB`).
    @inline(__always)
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            if beta == 0 {
                for i in 0..<m { (c + i &* ldc).initialize(repeating: 0, count: n) }
            }
            return
        }
        useThreads(forWork: m &* n &* k)
        OpenBLAS.sgemm(
            OpenBLAS.rowMajor, transposeA ? OpenBLAS.transpose : OpenBLAS.noTranspose,
            transposeB ? OpenBLAS.transpose : OpenBLAS.noTranspose,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Products with at least this many multiply-adds (m·n·k) use every OpenBLAS thread;
    /// smaller ones run on one. Measured here: a second thread pays from ~256³ up and is slower
    /// below ~128³ (thread wake-up costs more than the work).
    static let multithreadingThreshold = 1 << 22

    /// The thread count OpenBLAS started with (OPENBLAS_NUM_THREADS or the core count).
    static let maximumThreads = Int(OpenBLAS.getThreadCount())
    private static let currentThreads = Atomic<Int>(0)

    /// Switches OpenBLAS between one thread and all of them (only when the choice changes).
    @inline(__always)
    static func useThreads(forWork work: Int) {
        let wanted = work >= multithreadingThreshold ? maximumThreads : 1
        if currentThreads.load(ordering: .relaxed) != wanted {
            currentThreads.store(wanted, ordering: .relaxed)
            OpenBLAS.setThreadCount(Int32(wanted))
        }
    }
}
