import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// One process as `/proc/<pid>/stat` describes it: the fields the runner reads, parsed in one place.
///
/// The line is `pid (comm) state ppid pgrp session … starttime …`; `comm` may hold spaces and
/// parentheses, so the fields are counted from the last `)`.
package struct ProcessStatus {
    /// The process id.
    var pid: pid_t
    /// The state letter (`R`, `S`, `Z` for a zombie, …).
    var state: Substring
    /// The parent's process id.
    var parent: pid_t
    /// The session id.
    var session: pid_t
    /// When the process started, in clock ticks since boot (with the pid, it names one process
    /// even after the pid is reused).
    var startTime: UInt64

    /// Whether the process has exited and waits to be reaped.
    package var isZombie: Bool { state == "Z" }

    /// Reads the status of `pid`; nil when it is gone (or the line cannot be read).
    package init?(pid: pid_t) {
        guard let line = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return nil }
        self.init(pid: pid, line: line)
    }

    /// Parses a `stat` line of process `pid`.
    init?(pid: pid_t, line: String) {
        guard let close = line.lastIndex(of: ")") else { return nil }
        // After "pid (comm)": state(0) ppid(1) pgrp(2) session(3) … starttime(19).
        let fields = line[line.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let parent = pid_t(fields[1]), let session = pid_t(fields[3]),
            let startTime = UInt64(fields[19])
        else { return nil }
        self.pid = pid
        self.state = fields[0]
        self.parent = parent
        self.session = session
        self.startTime = startTime
    }
}

/// The live processes of this machine, as /proc lists them.
package enum ProcessListing {
    /// Every process id /proc lists now.
    static func pids() -> [pid_t] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap { pid_t($0) }
    }

    /// The status of every live process that is not a zombie.
    static func living() -> [ProcessStatus] {
        pids().compactMap { ProcessStatus(pid: $0) }.filter { !$0.isZombie }
    }

    /// The parent process id of `pid`, if it is alive.
    package static func parent(of pid: pid_t) -> pid_t? {
        ProcessStatus(pid: pid)?.parent
    }

    /// How many processes the user `uid` owns now (the owners of the /proc entries).
    static func processCount(ofUser uid: uid_t) -> Int {
        var information = stat()
        return pids().filter { stat("/proc/\($0)", &information) == 0 && information.st_uid == uid }.count
    }

    /// The live processes whose session id is `session`.
    package static func processes(inSession session: pid_t) -> [pid_t] {
        living().filter { $0.session == session }.map(\.pid)
    }

    /// Live processes whose environment holds `variable=tag` (wherever they were re-parented),
    /// or every live child of `runner` when `tag` is nil.
    static func orphans(of runner: pid_t, tagged tag: String?, variable: String) -> [pid_t] {
        let marker = tag.map { Array("\(variable)=\($0)".utf8) }
        return living().filter { process in
            // A tagged process is ours wherever it was re-parented; untagged, only the runner's
            // own (subreaped) children count.
            guard let marker else { return process.parent == runner }
            guard let environment = FileManager.default.contents(atPath: "/proc/\(process.pid)/environ") else {
                return false
            }
            return environment.split(separator: 0).contains { $0.elementsEqual(marker) }
        }.map(\.pid)
    }
}
