import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// A mounted cgroup hierarchy in which the runner may create groups: the runner's own group's
/// folder there, and whether groups made in it get a `pids` controller.
///
/// Found from /proc/self/mountinfo (where each hierarchy is mounted) and /proc/self/cgroup (the
/// runner's group in each), once per process. A hybrid host (v1 controllers plus a v2 hierarchy
/// without them, as in the Firecracker VM this was measured on: v2 at /sys/fs/cgroup/unified
/// with `cgroup.kill`, `pids` in v1 at /sys/fs/cgroup/pids) yields two entries.
struct CgroupHierarchy: Sendable {
    /// The runner's own group: new groups are made below it.
    let base: String
    /// Whether groups made in `base` have `pids.max`.
    let hasPidsController: Bool
    /// Whether this is the unified (v2) hierarchy.
    let isUnified: Bool

    /// The writable hierarchies, the unified one first, then a v1 `pids` hierarchy when the
    /// unified one has no `pids` controller. Empty where none is writable (not root, read-only
    /// /sys/fs/cgroup in a container), or when `NOTEBOOK_CGROUPS=off` (to test the fallback).
    static let writable: [CgroupHierarchy] = discover()

    private static func discover() -> [CgroupHierarchy] {
        #if os(Linux)
            guard ProcessInfo.processInfo.environment["NOTEBOOK_CGROUPS"] != "off",
                let mounts = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8),
                let memberships = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)
            else { return [] }
            var unifiedPath: String?
            var pidsPath: String?
            for line in memberships.split(separator: "\n") {
                let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
                guard fields.count == 3 else { continue }
                if fields[0] == "0", fields[1].isEmpty { unifiedPath = String(fields[2]) }
                if fields[1].split(separator: ",").contains("pids") { pidsPath = String(fields[2]) }
            }
            var found: [CgroupHierarchy] = []
            var unifiedHasPids = false
            var pidsHierarchy: CgroupHierarchy?
            for line in mounts.split(separator: "\n") {
                let halves = line.components(separatedBy: " - ")
                guard halves.count == 2 else { continue }
                let left = halves[0].split(separator: " ")
                let right = halves[1].split(separator: " ")
                guard left.count >= 5, right.count >= 3, !left[4].contains("\\") else { continue }
                let root = String(left[3])
                let mountPoint = String(left[4])
                if right[0] == "cgroup2", let unifiedPath, let base = folder(mountPoint, root: root, path: unifiedPath),
                    isWritable(base)
                {
                    let controllers =
                        (try? String(contentsOfFile: base + "/cgroup.subtree_control", encoding: .utf8)) ?? ""
                    unifiedHasPids = controllers.split(whereSeparator: \.isWhitespace).contains("pids")
                    found.insert(CgroupHierarchy(base: base, hasPidsController: unifiedHasPids, isUnified: true), at: 0)
                } else if right[0] == "cgroup", right[2].split(separator: ",").contains("pids"), let pidsPath,
                    let base = folder(mountPoint, root: root, path: pidsPath), isWritable(base)
                {
                    pidsHierarchy = CgroupHierarchy(base: base, hasPidsController: true, isUnified: false)
                }
            }
            if !unifiedHasPids, let pidsHierarchy { found.append(pidsHierarchy) }
            return found
        #else
            return []
        #endif
    }

    /// The folder of the group at `path` in a hierarchy mounted at `mountPoint` whose mount shows
    /// the hierarchy from `root` (not "/" inside some containers).
    private static func folder(_ mountPoint: String, root: String, path: String) -> String? {
        var relative = path
        if root != "/" {
            guard relative.hasPrefix(root) else { return nil }
            relative = String(relative.dropFirst(root.count))
        }
        let folder = mountPoint + (relative == "/" ? "" : relative)
        return folder.split(separator: "/").contains("..") ? nil : folder
    }

    private static func isWritable(_ folder: String) -> Bool {
        access(folder + "/cgroup.procs", W_OK) == 0 && access(folder, W_OK) == 0
    }
}
