import Foundation

/// What the CPU can do, for choosing OpenBLAS's kernels in the notebook process.
///
/// Debian's OpenBLAS is built for a generic x86-64 core; told the real core family through
/// `OPENBLAS_CORETYPE` it uses AVX2/AVX-512 kernels (about 5× faster matrix products here).
public enum CPUFeatures {
    /// The `OPENBLAS_CORETYPE` for this machine's CPU, or nil to keep OpenBLAS's own choice.
    public static func openBLASCoreType(cpuinfo: String? = nil) -> String? {
        guard let text = cpuinfo ?? (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)),
            let flagsLine = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
        else { return nil }
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        if flags.contains("avx512f"), flags.contains("avx512bw"), flags.contains("avx512vl") {
            return flags.contains("avx512_bf16") ? "Cooperlake" : "SkylakeX"
        }
        if flags.contains("avx2"), flags.contains("fma") { return "Haswell" }
        return nil
    }
}
