/// Splits a loop over independent units (e.g. one attention head of one batch element) across
/// the threads Tensors may use: as many as OpenBLAS was started with (OPENBLAS_NUM_THREADS), this
/// thread and `WorkerThreads`' helpers.
enum ParallelLoop {
    /// Runs `body` over `0..<units`, in contiguous ranges on up to `BLAS.maximumThreads` threads
    /// when `work` (any cost measure, e.g. multiply-adds) reaches `minimumWork`, else in one call
    /// on this thread. A thread hop costs a few microseconds, so small loops stay on one thread.
    /// `body` must only write memory that no other unit writes.
    static func run(units: Int, work: Int, minimumWork: Int, _ body: (Range<Int>) -> Void) {
        let threads = Swift.min(BLAS.maximumThreads, units)
        if threads < 2 || work < minimumWork {
            body(0..<units)
            return
        }
        WorkerThreads.shared.run(parts: threads) { part in
            body((units * part / threads)..<(units * (part + 1) / threads))
        }
    }
}
