#if canImport(Glibc)
    import Glibc
#endif

/// Wall-clock timing for benchmarks: the best of several repeats, each averaging many runs.
enum BenchmarkTimer {
    /// Seconds since an arbitrary origin (monotonic clock).
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// Seconds per call of `body`: runs it for ~`budget` seconds per repeat after a warm-up and
    /// keeps the fastest of `repeats` repeats. Short repeats and many of them: on a shared,
    /// loaded machine the minimum over short windows is the figure least disturbed by others.
    static func secondsPerCall(budget: Double = 0.02, repeats: Int = 30, _ body: () -> Void) -> Double {
        body()
        var iterations = 1
        while true {  // calibrate
            let start = now()
            for _ in 0..<iterations { body() }
            let elapsed = now() - start
            if elapsed > budget / 4 { break }
            iterations *= 2
        }
        iterations *= 4
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = now()
            for _ in 0..<iterations { body() }
            best = min(best, (now() - start) / Double(iterations))
        }
        return best
    }
}
