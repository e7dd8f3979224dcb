import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// The Linux control groups that hold one notebook process and everything it starts, so that
/// none of them can escape the end of the run, whatever it does (`setsid`, a double fork, a
/// cleared environment), and so that their number is bounded (`pids.max`).
///
/// Each group is a fresh folder `notebook-<runner pid>-<random>` below the runner's own group in a
/// hierarchy the runner may write to: the unified (v2) hierarchy for tracking and `cgroup.kill`,
/// and whichever hierarchy has the `pids` controller (v2 when enabled there, else v1) for the
/// limit. The child joins them itself before it becomes the program (see ``joinCommand``), so
/// nothing it starts is ever outside. Where no hierarchy is writable (not root, no delegation)
/// ``create(processLimit:)`` returns nil and ``ChildProcess`` falls back to a walk of /proc.
///
/// A root cell could move itself out by writing another group's `cgroup.procs`: this bounds
/// mistakes and hostile code that does not know it runs in a group, not a root user who does.
package final class ProcessCgroup: @unchecked Sendable {
    /// The group folders, the unified one (if any) first.
    package let folders: [String]
    /// The folder whose `pids.max` holds the limit, if a `pids` controller was found.
    let pidsFolder: String?
    /// The limit written to `pids.max`.
    private(set) var processLimit: Int

    private init(folders: [String], pidsFolder: String?, processLimit: Int) {
        self.folders = folders
        self.pidsFolder = pidsFolder
        self.processLimit = processLimit
    }

    /// Creates the groups for one child with at most `processLimit` tasks (processes and threads)
    /// in the `pids` group, or returns nil when no cgroup hierarchy can be written here.
    package static func create(processLimit: Int) -> ProcessCgroup? {
        let places = CgroupHierarchy.writable
        guard !places.isEmpty else { return nil }
        let name = "\(namePrefix)\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        var folders: [String] = []
        var pidsFolder: String?
        for place in places {
            let folder = place.base + "/" + name
            guard mkdir(folder, 0o755) == 0 else { continue }
            folders.append(folder)
            if pidsFolder == nil, place.hasPidsController, write("\(processLimit)", to: folder + "/pids.max") {
                pidsFolder = folder
            }
        }
        guard !folders.isEmpty else { return nil }
        let group = ProcessCgroup(folders: folders, pidsFolder: pidsFolder, processLimit: processLimit)
        Live.add(group)
        return group
    }

    /// Shell commands that move the shell running them (`$$`) into every group; the program it
    /// then `exec`s, and everything that program starts, stay inside.
    var joinCommand: String {
        folders.map { "{ echo $$ > \(Self.shellQuoted($0 + "/cgroup.procs")); } 2>/dev/null; " }.joined()
    }

    /// Writes a new limit to `pids.max` (when the groups have a `pids` controller).
    package func setProcessLimit(_ limit: Int) {
        guard let pidsFolder, limit != processLimit else { return }
        if Self.write("\(limit)", to: pidsFolder + "/pids.max") { processLimit = limit }
    }

    /// Whether a fork or thread creation failed because the group was at its limit
    /// (`pids.events`: `max N` with N > 0).
    var reachedProcessLimit: Bool {
        guard let pidsFolder, let events = try? String(contentsOfFile: pidsFolder + "/pids.events", encoding: .utf8)
        else { return false }
        return events.split(separator: "\n").contains { line in
            let fields = line.split(separator: " ")
            return fields.count == 2 && fields[0] == "max" && (Int(fields[1]) ?? 0) > 0
        }
    }

    /// Kills every process in the groups: `cgroup.kill` where the kernel has it (5.14+), then
    /// SIGKILL to each listed member, repeated until the groups are empty (a process may fork
    /// while the list is read; `pids.max` bounds how long that can go on).
    func killAll() {
        Self.killMembers(of: folders)
    }

    /// Kills what is left and removes the group folders (empty groups only: a folder that stays
    /// busy is left for ``removeAbandoned()``).
    package func remove() {
        killAll()
        for folder in folders {
            var attempts = 0
            while rmdir(folder) != 0, errno == EBUSY, attempts < 50 {
                Self.killMembers(of: [folder])
                usleep(2_000)
                attempts += 1
            }
        }
        Live.remove(self)
    }

    /// Kills and removes every group still in use (the runner is exiting on a signal).
    static func removeAllLive() {
        for group in Live.all() { group.remove() }
    }

    /// Kills the members of, and removes, the groups of runners that no longer exist (killed
    /// with SIGKILL, so their daemons outlived them): the next run cleans up after them.
    package static func removeAbandoned() {
        for place in CgroupHierarchy.writable {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: place.base)) ?? []
            where name.hasPrefix(namePrefix) {
                let owner = name.dropFirst(namePrefix.count).split(separator: "-").first.flatMap { pid_t($0) }
                guard let owner, owner != getpid(), kill(owner, 0) != 0, errno == ESRCH else { continue }
                let folder = place.base + "/" + name
                killMembers(of: [folder])
                rmdir(folder)
            }
        }
    }

    private static let namePrefix = "notebook-"

    private static func killMembers(of folders: [String]) {
        for folder in folders where FileManager.default.fileExists(atPath: folder + "/cgroup.kill") {
            _ = write("1", to: folder + "/cgroup.kill")
        }
        for _ in 0..<100 {
            let members = folders.flatMap(processes(in:))
            if members.isEmpty { return }
            for member in members { kill(member, SIGKILL) }
            usleep(1_000)
        }
    }

    /// The processes in the groups now.
    package func members() -> [pid_t] {
        Array(Set(folders.flatMap(Self.processes(in:))))
    }

    /// The process ids listed in a group's `cgroup.procs`.
    static func processes(in folder: String) -> [pid_t] {
        guard let text = try? String(contentsOfFile: folder + "/cgroup.procs", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { pid_t($0) }
    }

    /// Writes `text` to a control file; whether the kernel accepted it.
    @discardableResult
    static func write(_ text: String, to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { Glibc.write(descriptor, $0.baseAddress, $0.count) } == bytes.count
    }

    /// `'text'` for /bin/sh, with embedded single quotes closed, escaped and reopened.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The groups in use, so a signal's clean-up can reach them.
    private enum Live {
        private static let lock = NSLock()
        nonisolated(unsafe) private static var groups: [ObjectIdentifier: ProcessCgroup] = [:]

        static func add(_ group: ProcessCgroup) { lock.withLock { groups[ObjectIdentifier(group)] = group } }
        static func remove(_ group: ProcessCgroup) {
            lock.withLock { _ = groups.removeValue(forKey: ObjectIdentifier(group)) }
        }
        static func all() -> [ProcessCgroup] { lock.withLock { Array(groups.values) } }
    }
}
