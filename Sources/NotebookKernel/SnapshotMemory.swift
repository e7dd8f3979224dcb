import Foundation

/// The memory snapshot processes hold on their own: pages no other process shares any more
/// (copy-on-write copies made after the fork), from `/proc/PID/smaps_rollup`.
enum SnapshotMemory {
    /// Private (clean + dirty) bytes of process `pid`; 0 when it is gone.
    static func privateBytes(of pid: Int32) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8) else { return 0 }
        var kilobytes = 0
        for line in text.split(separator: "\n")
        where line.hasPrefix("Private_Clean:") || line.hasPrefix("Private_Dirty:") {
            kilobytes += line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        }
        return kilobytes * 1024
    }
}
