#if canImport(Glibc)
    import Glibc
#endif

/// glibc's malloc, tuned once (at the first tensor allocation) for a training loop, which frees
/// and allocates the same few-hundred-kilobyte activations and gradients every step.
///
/// By default glibc serves such blocks with fresh `mmap`s until its adaptive threshold grows,
/// and returns the top of the heap to the kernel whenever more than ~2× that threshold is free,
/// so every step faults the same memory in again and the kernel zeroes it (the Transformer
/// benchmark: ~38 000 page faults in 30 steps, ~4% of its CPU time). Here blocks below 32 MiB
/// come from the heap and up to 128 MiB of freed heap is kept for reuse: ~7 600 faults.
/// Nothing is changed when the environment already tunes malloc (`GLIBC_TUNABLES`,
/// `MALLOC_MMAP_THRESHOLD_`, `MALLOC_TRIM_THRESHOLD_`), or on other C libraries.
enum HeapTuning {
    /// The largest block served from the heap rather than by its own `mmap`.
    static let mmapThreshold: Int32 = 32 << 20
    /// How much free memory at the top of the heap is kept rather than returned to the kernel.
    static let trimThreshold: Int32 = 128 << 20

    /// `M_TRIM_THRESHOLD` and `M_MMAP_THRESHOLD` of glibc's `<malloc.h>` (not in Swift's Glibc
    /// module, so `mallopt` is bound by name, as `OpenBLAS` binds its functions).
    static let trimOption: Int32 = -1
    static let mmapOption: Int32 = -3

    /// Whether the thresholds were set (evaluated once, on first use).
    static let applied: Bool = {
        #if canImport(Glibc)
            for name in ["GLIBC_TUNABLES", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_"]
            where getenv(name) != nil {
                return false
            }
            guard let address = dlsym(nil, "mallopt") else { return false }  // not glibc
            let mallopt = unsafeBitCast(address, to: (@convention(c) (Int32, Int32) -> Int32).self)
            return mallopt(mmapOption, mmapThreshold) == 1 && mallopt(trimOption, trimThreshold) == 1
        #else
            return false
        #endif
    }()
}
