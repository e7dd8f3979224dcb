/// Splits a loop over independent units (e.g. one attention head of one batch element) across
/// the threads Tensors may use: as many as OpenBLAS was started with (OPENBLAS_NUM_THREADS), this
/// thread and `WorkerThreads`' helpers.
enum ParallelLoop {
    /// Elementwise and row-wise kernels (an add, a layer norm) split from this many elements:
    /// ~10 µs of work on one core, against a few µs for the hand-over to a spinning helper.
    static let elementwiseWork = 1 << 15

    /// Runs `body` over `0..<count` in contiguous ranges whose bounds are multiples of 16 (so
    /// 16-lane kernels see whole vectors but for the last range), on every thread when
    /// `count` ≥ `elementwiseWork`, else in one call on this thread.
    static func chunks(count: Int, _ body: (Range<Int>) -> Void) {
        let threads = Swift.min(BLAS.maximumThreads, count / 16)
        if threads < 2 || count < elementwiseWork {
            body(0..<count)
            return
        }
        WorkerThreads.shared.run(parts: threads) { part in
            body(
                splitPoint(
                    count, part: part, of: threads, align: 16)..<splitPoint(
                        count, part: part + 1, of: threads, align: 16))
        }
    }

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
