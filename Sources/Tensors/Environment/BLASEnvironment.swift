import Foundation

/// Choosing OpenBLAS's kernels and threads for this machine.
///
/// Debian's OpenBLAS is built for many CPUs and picks a kernel family at load time; on some
/// CPUs (e.g. AMD EPYC with AVX-512) it falls back to a generic kernel that is ~5× slower
/// (~33 vs ~160 GFLOP/s). The environment variable `OPENBLAS_CORETYPE` overrides the choice,
/// but OpenBLAS reads it when the library is loaded — before `main` runs — so it must be in
/// the process environment at launch: the notebook runner sets it for the processes it
/// starts, and a program can re-execute itself with `reexecWithRecommendedEnvironment()`.
public enum BLASEnvironment {
    /// The `OPENBLAS_CORETYPE` value for a CPU with these `/proc/cpuinfo` flags, or nil to
    /// keep OpenBLAS's own detection (no AVX2: the generic choice is then right).
    ///
    /// AVX-512 with BF16 → `Cooperlake`; AVX-512 F/BW/VL/DQ → `SkylakeX`; AVX2 + FMA → `Haswell`.
    public static func recommendedOpenBLASCoreType(cpuFlags: Set<String>) -> String? {
        let avx512 = ["avx512f", "avx512bw", "avx512vl", "avx512dq"].allSatisfy(cpuFlags.contains)
        if avx512 && cpuFlags.contains("avx512_bf16") { return "Cooperlake" }
        if avx512 { return "SkylakeX" }
        if cpuFlags.contains("avx2") && cpuFlags.contains("fma") { return "Haswell" }
        return nil
    }

    /// The CPU flags of this machine from `/proc/cpuinfo` (empty where that file does not exist).
    public static func cpuFlags(cpuinfoPath: String = "/proc/cpuinfo") -> Set<String> {
        guard let text = try? String(contentsOfFile: cpuinfoPath, encoding: .utf8) else { return [] }
        for line in text.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        }
        return []
    }

    /// The recommended `OPENBLAS_CORETYPE` for this machine (see `recommendedOpenBLASCoreType(cpuFlags:)`).
    public static func recommendedOpenBLASCoreTypeForThisCPU() -> String? {
        recommendedOpenBLASCoreType(cpuFlags: cpuFlags())
    }

    /// Environment variables to set when launching a process that uses this library:
    /// `OPENBLAS_CORETYPE` when this CPU has a recommendation that `current` does not already
    /// hold. An existing different value is replaced unless `replacingExisting` is false
    /// (measured here: a preset `Haswell` runs SGEMM at half the speed of `Cooperlake`).
    public static func recommendedEnvironment(
        current: [String: String] = ProcessInfo.processInfo.environment, replacingExisting: Bool = true
    ) -> [String: String] {
        guard let core = recommendedOpenBLASCoreTypeForThisCPU() else { return [:] }
        if let existing = current["OPENBLAS_CORETYPE"], existing == core || !replacingExisting { return [:] }
        return ["OPENBLAS_CORETYPE": core]
    }

    /// Re-executes the current program with `recommendedEnvironment(replacingExisting:)` added,
    /// when that changes anything; otherwise returns. Call it first thing in `main` of a tool (it
    /// never returns on success). Only on Linux (`/proc/self/exe`); a no-op elsewhere.
    public static func reexecWithRecommendedEnvironment(replacingExisting: Bool = true) {
        #if os(Linux)
            let extra = recommendedEnvironment(replacingExisting: replacingExisting)
            guard !extra.isEmpty else { return }
            for (key, value) in extra { setenv(key, value, 1) }
            let args = CommandLine.arguments.map { strdup($0) } + [nil]
            execv("/proc/self/exe", args)
        #endif
    }

    /// The kernel family OpenBLAS chose in this process (e.g. "SkylakeX", "Prescott").
    public static var coreName: String {
        guard let name = OpenBLAS.coreName() else { return "unknown" }
        return String(cString: name)
    }

    /// The number of threads OpenBLAS uses for large products (OPENBLAS_NUM_THREADS, or
    /// the core count); products below ~128·128·256 multiply-adds run on one thread.
    public static var threadCount: Int { BLAS.maximumThreads }
}
