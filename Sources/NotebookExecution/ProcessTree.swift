import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// The processes descended from one child, found by walking /proc (parent links), for hosts
/// where no cgroup can be created (see ``ProcessCgroup``).
///
/// A process that leaves its parent's session (`setsid`) and clears its environment keeps its
/// parent link until its parent dies; it is then re-parented (to the runner, when the runner is
/// a subreaper, else to init) and the link is lost. So the tree is walked while the child runs
/// (``ChildProcess`` does it every 100 ms) and every process ever seen is remembered by its id
/// and start time (so a recycled id is never mistaken for it). A process that is started and
/// orphaned between two walks is missed: only a cgroup closes that window.
package struct ProcessTree {
    /// A process seen in the tree: its id and its start time (clock ticks since boot).
    struct Member: Hashable {
        var pid: pid_t
        var startTime: UInt64
    }

    /// The child at the root of the tree.
    let root: pid_t
    /// Every descendant seen so far.
    private(set) var members: Set<Member> = []

    package init(root: pid_t) {
        self.root = root
    }

    /// Walks /proc once: adds the root's descendants, and the descendants of every member seen
    /// before, repeating until no new process appears.
    package mutating func refresh() {
        let table = Self.table()
        var frontier: Set<pid_t> = [root]
        for member in members where table[member.pid]?.startTime == member.startTime { frontier.insert(member.pid) }
        var seen = frontier
        while !frontier.isEmpty {
            var next: Set<pid_t> = []
            for (pid, entry) in table where frontier.contains(entry.parent) && !seen.contains(pid) {
                next.insert(pid)
                members.insert(Member(pid: pid, startTime: entry.startTime))
            }
            seen.formUnion(next)
            frontier = next
        }
    }

    /// The members that are still alive (same id and start time, not a zombie).
    package func liveMembers() -> [pid_t] {
        let table = Self.table()
        return members.filter { table[$0.pid]?.startTime == $0.startTime }.map(\.pid)
    }

    private struct Entry {
        var parent: pid_t
        var startTime: UInt64
    }

    /// Every live (non-zombie) process's parent and start time.
    private static func table() -> [pid_t: Entry] {
        var table: [pid_t: Entry] = [:]
        for process in ProcessListing.living() {
            table[process.pid] = Entry(parent: process.parent, startTime: process.startTime)
        }
        return table
    }
}
