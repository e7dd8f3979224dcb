/// The bounds the runner accepts for its limits, and the defaults it applies.
public enum ExecutionLimits {
    /// The smallest memory limit accepted, in MiB.
    public static let minimumMemoryMiB = 64
    /// The largest memory limit accepted, in MiB (1 TiB; larger values would overflow in bytes).
    public static let maximumMemoryMiB = 1 << 20
    /// Address space the notebook process gets on top of its memory limit for the runtime itself:
    /// the Swift runtime, the loaded libraries and OpenBLAS's per-thread buffers (128 MiB each,
    /// reserved at the first product; when that reservation fails OpenBLAS retries forever, so
    /// the limit must leave room for it). 512 MiB: measured, 2 threads need ~400 MiB.
    public static let runtimeReserveBytes = 512 << 20
    /// The shortest time limit accepted, in seconds (a notebook process takes longer to start).
    public static let minimumSeconds = 0.1
    /// The longest time limit accepted, in seconds (a week).
    public static let maximumSeconds = 7 * 24 * 3600.0
    /// The largest file a notebook process may write by default (its captured standard output
    /// and standard error included): 1 GiB. The process gets SIGXFSZ past it.
    public static let defaultFileSizeBytes = 1 << 30
    /// The smallest and largest file-size limits accepted, in MiB.
    public static let fileSizeMiB = 1...(1 << 20)

    /// The most processes and threads a notebook process and everything it starts may run at
    /// once, by default: 512. Ample for a program, its OpenBLAS threads and the tools a cell
    /// starts; a fork bomb stops there (`pids.max` of the run's cgroup).
    public static let defaultProcessLimit = 512
    /// The smallest and largest process limits accepted: 16 leaves room for the runtime's own
    /// threads on a small machine; 4194304 is Linux's largest process id (`PID_MAX_LIMIT`).
    public static let processLimits = 16...(1 << 22)

    /// Why `count` is not an acceptable process limit, or nil.
    public static func problem(processLimit count: Int) -> String? {
        guard processLimits.contains(count) else {
            return
                "--process-limit must be from \(processLimits.lowerBound) to \(processLimits.upperBound) (processes), not \(count)"
        }
        return nil
    }

    /// Why `seconds` is not an acceptable time limit for `flag`, or nil.
    public static func problem(seconds: Double, flag: String) -> String? {
        guard seconds.isFinite, seconds >= minimumSeconds, seconds <= maximumSeconds else {
            return
                "\(flag) must be a number of seconds from \(minimumSeconds) to \(Int(maximumSeconds)), not \(seconds)"
        }
        return nil
    }

    /// Why `mebibytes` is not an acceptable memory limit, or nil.
    public static func problem(memoryMiB mebibytes: Int) -> String? {
        guard (minimumMemoryMiB...maximumMemoryMiB).contains(mebibytes) else {
            return "--memory-limit must be from \(minimumMemoryMiB) to \(maximumMemoryMiB) (MiB), not \(mebibytes)"
        }
        return nil
    }
}
