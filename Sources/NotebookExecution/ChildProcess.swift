import Foundation
import NotebookDocument

#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// A child process in a process group of its own, with its output going to files, that can be
/// stopped as a whole (it and every process it started) at a deadline or on Ctrl-C.
public final class ChildProcess: @unchecked Sendable {
    /// How a child process ended.
    public enum Termination: Sendable, Equatable {
        /// It exited with this status.
        case exited(Int32)
        /// A signal ended it.
        case signalled(Int32)
        /// The runner stopped it (deadline passed).
        case killed
    }

    /// An error starting the process.
    public struct LaunchError: NotebookError {
        /// The program that could not start.
        public var executable: String
        /// Why.
        public var reason: String
        /// No notebook line: the program is a tool.
        public var location: SourceLocation? { nil }
        /// `cannot start executable: reason`.
        public var message: String { "cannot start \(executable): \(reason)" }
    }

    /// The process id (also the process group id).
    public let pid: pid_t

    /// A mark in the environment of the process and of everything it starts, so processes that
    /// left its session (daemons) can still be found and stopped.
    let tag: String

    /// The environment variable that carries ``tag``.
    static let tagVariable = "NOTEBOOK_PROCESS_TAG"

    /// The cgroups holding the process and everything it starts, when it was given a process
    /// limit and this host lets the runner create groups.
    let cgroup: ProcessCgroup?
    /// With a process limit but no cgroup: the descendants seen so far by walking /proc.
    private var tree: ProcessTree?
    /// Whether the process and its descendants are tracked by a cgroup (true) or by walking
    /// /proc (false); whether their count is bounded by `pids.max`.
    public var isContainedByCgroup: Bool { cgroup != nil }
    /// Whether the process count is bounded by a cgroup's `pids.max` (as root, `RLIMIT_NPROC` is
    /// not enforced, so only a cgroup bounds it then).
    public var hasCgroupProcessLimit: Bool { cgroup?.pidsFolder != nil }

    /// Whether a fork or thread creation in the process's group failed at its process limit.
    public var reachedProcessLimit: Bool { cgroup?.reachedProcessLimit ?? false }

    /// Starts `executable` with `arguments`, standard input from /dev/null, standard output and
    /// standard error to the given files (created or truncated).
    ///
    /// - Parameters:
    ///   - memoryLimitBytes: the memory limit for the process and its children, when set: their
    ///     address space (`ulimit -v`) is this plus ``ExecutionLimits/runtimeReserveBytes``.
    ///   - fileSizeLimitBytes: the largest file they may write (`ulimit -f`), when set.
    ///   - processLimit: the most processes and threads they may run at once, when set: the
    ///     process and everything it starts then live in cgroups of their own (``ProcessCgroup``:
    ///     `pids.max`, and killed as a whole at the end); without a writable cgroup hierarchy,
    ///     `RLIMIT_NPROC` (through `prlimit`, counting the user's other processes; not enforced
    ///     for root) and a walk of /proc instead.
    public init(
        executable: String, arguments: [String], environment: [String: String], workingDirectory: String?,
        standardOutput: String, standardError: String, memoryLimitBytes: Int? = nil, fileSizeLimitBytes: Int? = nil,
        processLimit: Int? = nil
    ) throws(LaunchError) {
        var program = executable
        var argv = [executable] + arguments
        let cgroup = processLimit.flatMap { ProcessCgroup.create(processLimit: $0) }
        if memoryLimitBytes != nil || fileSizeLimitBytes != nil || workingDirectory != nil || processLimit != nil {
            // A small shell prologue joins the cgroups, sets the limits and folder, then becomes
            // the program.
            var script = cgroup?.joinCommand ?? ""
            if let memoryLimitBytes {
                let kibibytes = memoryLimitBytes.addingReportingOverflow(ExecutionLimits.runtimeReserveBytes).partialValue / 1024
                script += "ulimit -v \(max(kibibytes, 1)) || exit 125; "
            }
            // POSIX sh counts `ulimit -f` in 512-byte blocks.
            if let fileSizeLimitBytes { script += "ulimit -f \(max(fileSizeLimitBytes / 512, 1)) || exit 125; " }
            if workingDirectory != nil { script += "cd \"$NOTEBOOK_WORKING_DIRECTORY\" || exit 125; " }
            if let processLimit, cgroup == nil, getuid() != 0 {
                // RLIMIT_NPROC counts every process of the user: allow the ones running now.
                let allowed = processLimit.addingReportingOverflow(Self.processCount(ofUser: getuid())).partialValue
                script += "command -v prlimit >/dev/null 2>&1 && exec prlimit --nproc=\(allowed) -- \"$@\"; "
            }
            script += "exec \"$@\""
            program = "/bin/sh"
            argv = ["/bin/sh", "-c", script, "sh", executable] + arguments
        }
        var environment = environment
        if let workingDirectory { environment["NOTEBOOK_WORKING_DIRECTORY"] = workingDirectory }
        let tag = "\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        environment[Self.tagVariable] = tag
        // A daemon's double fork escapes the session; the tag in its environment still marks it
        // (the command-line runner is also the subreaper of what it starts: see
        // `installSignalHandlers`; a library user, such as a test process, is not made one, since
        // it would then inherit zombies it never reaps).

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        sigaddset(&defaultSignals, SIGINT)
        sigaddset(&defaultSignals, SIGTERM)
        sigaddset(&defaultSignals, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        // A session of its own (glibc's POSIX_SPAWN_SETSID, 0x80) marks every process the cell
        // starts, even ones that move to another process group (Foundation's Process does).
        let newSession: Int32 = 0x80
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | newSession))

        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var child: pid_t = 0
        let status = posix_spawn(&child, program, &actions, &attributes, cArguments, cEnvironment)
        guard status == 0 else {
            cgroup?.remove()
            throw LaunchError(executable: executable, reason: String(cString: strerror(status)))
        }
        pid = child
        self.tag = tag
        self.cgroup = cgroup
        tree = processLimit != nil && cgroup == nil ? ProcessTree(root: child) : nil
        ChildProcessRegistry.add(child, walked: tree != nil)
    }

    /// Blocks until the process exits, then kills anything it left in its session.
    public func waitUntilExit() -> Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        killSession()
        cgroup?.remove()
        ChildProcessRegistry.remove(pid)
        if (status & 0x7F) == 0 { return .exited((status >> 8) & 0xFF) }
        return .signalled(status & 0x7F)
    }

    /// Polls until the process exits or `shouldStop` (called about every 20 ms) returns true, in
    /// which case the whole process group is killed. Leftover processes in the group are killed
    /// either way.
    public func wait(shouldStop: () -> Bool) -> Termination {
        var status: Int32 = 0
        var killedByUs = false
        var polls = 0
        while true {
            // Without a cgroup, remember the descendants before they can be orphaned.
            if polls % 5 == 0 { tree?.refresh() }
            polls += 1
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0, errno != EINTR { break }
            if !killedByUs, shouldStop() {
                killedByUs = true
                killSession()
            }
            usleep(20_000)
        }
        // Children the cell left running (background processes) go with it.
        killSession()
        cgroup?.remove()
        ChildProcessRegistry.remove(pid)
        if killedByUs { return .killed }
        if (status & 0x7F) == 0 { return .exited((status >> 8) & 0xFF) }
        return .signalled(status & 0x7F)
    }
}

extension ChildProcess {
    /// Kills the process group, every process left in the child's session, and every orphan
    /// that carries the child's tag (a daemon that called `setsid` and was re-parented to the
    /// runner), repeating while new ones appear (a process may fork while the scan runs).
    ///
    /// With a cgroup, every process in it goes first, however it left the session; those the
    /// runner adopted as a subreaper are reaped. Without one, the descendants seen by walking
    /// /proc (``ProcessTree``) go with the session.
    func killSession() {
        kill(-pid, SIGKILL)
        let runner = getpid()
        if let cgroup {
            for _ in 0..<10 {
                let members = cgroup.members()
                if members.isEmpty { break }
                let adopted = members.filter { Self.parent(of: $0) == runner }
                cgroup.killAll()
                for member in adopted {
                    while waitpid(member, nil, 0) < 0, errno == EINTR {}
                }
            }
        }
        tree?.refresh()
        // A process orphaned between two walks was adopted by the runner (a subreaper): when no
        // other walked child is running, every adopted process that is not one of the runner's
        // own children is this one's (a concurrent run's would be ambiguous: its own end, or the
        // last one's, kills it). Its children are adopted in turn once it dies: look each time.
        let claimsAdopted =
            tree != nil && ChildProcessRegistry.isSubreaper && ChildProcessRegistry.walkedChildren == [pid]
        for attempt in 0..<10 {
            if attempt > 0 { usleep(1_000) }
            let adopted = claimsAdopted ? Self.orphans(of: runner, tagged: nil).filter { !ChildProcessRegistry.contains($0) } : []
            let members =
                Self.processes(inSession: pid) + Self.orphans(of: runner, tagged: tag) + (tree?.liveMembers() ?? []) + adopted
            if members.isEmpty { return }
            for member in members { kill(member, SIGKILL) }
            // Orphans are the runner's children now: reap them, or they stay zombies.
            for member in members where Self.parent(of: member) == runner {
                while waitpid(member, nil, 0) < 0, errno == EINTR {}
            }
        }
    }

    /// How many processes the user `uid` owns now (the owners of the /proc entries).
    static func processCount(ofUser uid: uid_t) -> Int {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return 0 }
        var information = stat()
        return entries.filter { pid_t($0) != nil && stat("/proc/" + $0, &information) == 0 && information.st_uid == uid }.count
    }

    /// The parent process id of `pid` (from /proc), if it is alive.
    static func parent(of pid: pid_t) -> pid_t? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? pid_t(fields[1]) : nil
    }

    /// Live processes whose environment holds `NOTEBOOK_PROCESS_TAG=tag` (wherever they were
    /// re-parented), or every live child of `runner` when `tag` is nil.
    static func orphans(of runner: pid_t, tagged tag: String?) -> [pid_t] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        let marker = tag.map { Array("\(tagVariable)=\($0)".utf8) }
        var found: [pid_t] = []
        for entry in entries {
            guard let candidate = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            // A tagged process is ours wherever it was re-parented; untagged, only the runner's
            // own (subreaped) children count.
            guard fields.count > 1, fields[0] != "Z", tag != nil || pid_t(fields[1]) == runner else { continue }
            if let marker {
                guard let environment = FileManager.default.contents(atPath: "/proc/\(entry)/environ") else { continue }
                let variables = environment.split(separator: 0)
                guard variables.contains(where: { $0.elementsEqual(marker) }) else { continue }
            }
            found.append(candidate)
        }
        return found
    }

    /// The live processes whose session id is `session` (from /proc).
    static func processes(inSession session: pid_t) -> [pid_t] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        var members: [pid_t] = []
        for entry in entries {
            guard let candidate = pid_t(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            // After "pid (comm)": state ppid pgrp session ...
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 3, fields[0] != "Z", pid_t(fields[3]) == session else { continue }
            members.append(candidate)
        }
        return members
    }
}

/// The process groups the runner started, so Ctrl-C or SIGTERM can stop them all.
public enum ChildProcessRegistry {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var groups: Set<pid_t> = []
    // A fixed table the signal handler can read without locks or allocation.
    nonisolated(unsafe) private static let table = UnsafeMutablePointer<pid_t>.allocate(capacity: 256)
    nonisolated(unsafe) private static var tableReady = false

    nonisolated(unsafe) private static var walked: Set<pid_t> = []

    static func add(_ pid: pid_t, walked isWalked: Bool = false) {
        lock.lock()
        defer { lock.unlock() }
        groups.insert(pid)
        if isWalked { walked.insert(pid) }
        publish()
    }

    static func remove(_ pid: pid_t) {
        lock.lock()
        defer { lock.unlock() }
        groups.remove(pid)
        walked.remove(pid)
        publish()
    }

    /// Whether `pid` is a child the runner started (and has not yet waited for).
    static func contains(_ pid: pid_t) -> Bool { lock.withLock { groups.contains(pid) } }

    /// The running children whose descendants are found by walking /proc (no cgroup).
    static var walkedChildren: Set<pid_t> { lock.withLock { walked } }

    /// Whether the runner is the subreaper of what it starts.
    static var isSubreaper: Bool { lock.withLock { subreaper } }

    private static func publish() {
        if !tableReady {
            table.initialize(repeating: 0, count: 256)
            tableReady = true
        }
        var index = 0
        for pid in groups.prefix(255) {
            table[index] = pid
            index += 1
        }
        table[index] = 0
    }

    nonisolated(unsafe) private static var subreaper = false
    nonisolated(unsafe) fileprivate static var wakePipe: (read: Int32, write: Int32) = (-1, -1)

    /// Makes the runner the subreaper of everything it starts (Linux `PR_SET_CHILD_SUBREAPER`):
    /// a process that detaches itself (double fork, `setsid`) is re-parented to the runner, not
    /// to init, so the runner can still find and stop it.
    static func becomeSubreaper() {
        lock.lock()
        defer { lock.unlock() }
        guard !subreaper else { return }
        subreaper = true
        #if os(Linux)
        // prctl is variadic in C, so Swift does not import it; call it through its address.
        typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "prctl") {
            let setChildSubreaper: Int32 = 36
            _ = unsafeBitCast(symbol, to: Prctl.self)(setChildSubreaper, 1, 0, 0, 0)
        }
        #endif
    }

    /// Installs SIGINT/SIGTERM handlers that kill every running child group, then every other
    /// process the runner started (orphans included), then exit with 130 (SIGINT) or 143
    /// (SIGTERM). Files being written atomically are left as they were.
    public static func installSignalHandlers() {
        lock.lock()
        if !tableReady {
            table.initialize(repeating: 0, count: 256)
            tableReady = true
        }
        if wakePipe.read < 0 {
            var descriptors: [Int32] = [-1, -1]
            if pipe(&descriptors) == 0 {
                wakePipe = (descriptors[0], descriptors[1])
                _ = fcntl(descriptors[0], F_SETFD, FD_CLOEXEC)
                _ = fcntl(descriptors[1], F_SETFD, FD_CLOEXEC)
                // The scan of /proc cannot run in a signal handler; this thread does it.
                let cleaner = Thread { cleanUpAfterSignal() }
                cleaner.start()
            }
        }
        // Touch the handler's globals now: a lazy initialisation inside a handler is unsafe.
        _ = (ChildProcessRegistry_signalled, ChildProcessRegistry_firstSignal, wakePipe)
        lock.unlock()
        becomeSubreaper()
        TemporaryFolder.removeAbandoned()
        ProcessCgroup.removeAbandoned()
        signal(SIGINT, ChildProcessRegistry_handleSignal)
        signal(SIGTERM, ChildProcessRegistry_handleSignal)
        // A parent may have started us with these signals blocked; a runner must hear them.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    /// Waits for the signal handler's byte, kills what is left (sessions of the children, and
    /// orphans re-parented to the runner), then exits with the status the handler chose.
    private static func cleanUpAfterSignal() {
        var signal: UInt8 = 0
        while read(wakePipe.read, &signal, 1) < 0, errno == EINTR {}
        for _ in 0..<10 {
            var members: [pid_t] = []
            var index = 0
            while index < 256, table[index] != 0 {
                members += ChildProcess.processes(inSession: table[index])
                index += 1
            }
            members += ChildProcess.orphans(of: getpid(), tagged: nil)
            if members.isEmpty { break }
            for member in members {
                // A child that leads a process group (a cell host: its workers and snapshots
                // are in its group) takes its group with it.
                if getpgid(member) == member { kill(-member, SIGKILL) }
                kill(member, SIGKILL)
            }
            // Let the kernel re-parent their orphans to the runner (a subreaper) before looking again.
            usleep(10_000)
        }
        ProcessCgroup.removeAllLive()
        AtomicFile.InFlight.abandonAll()
        TemporaryFolder.removeAll()
        _exit(128 + Int32(signal))
    }

    /// Whether a SIGINT/SIGTERM is stopping the runner: no file may be replaced any more (the
    /// run in progress was cut short).
    public static var isTerminating: Bool { ChildProcessRegistry_signalled != 0 }

    /// When a SIGINT/SIGTERM is stopping the runner, never returns: the clean-up thread exits the
    /// process with 130 or 143 once the children are gone. Otherwise returns at once.
    ///
    /// Call it before exiting with any other status: a run cut short by the signal ends in a
    /// failed cell and an unwritable report, and exiting with 1 or 73 would race the clean-up
    /// (the exit status must say "interrupted", and the children must be gone when it is known).
    public static func waitForInterruptExit() {
        guard isTerminating else { return }
        while true { pause() }
    }

    fileprivate static func killAll() {
        var index = 0
        while index < 256, table[index] != 0 {
            kill(-table[index], SIGKILL)
            index += 1
        }
    }
}

nonisolated(unsafe) private var ChildProcessRegistry_signalled: sig_atomic_t = 0
nonisolated(unsafe) private var ChildProcessRegistry_firstSignal: sig_atomic_t = 0

private func ChildProcessRegistry_handleSignal(_ signal: Int32) {
    ChildProcessRegistry_signalled = 1
    ChildProcessRegistry.killAll()
    let pipe = ChildProcessRegistry.wakePipe.write
    // The first signal hands the rest of the clean-up to the cleaner thread; a second one (or
    // no thread) exits at once.
    guard ChildProcessRegistry_firstSignal == 0, pipe >= 0 else { _exit(128 + signal) }
    ChildProcessRegistry_firstSignal = 1
    var byte = UInt8(truncatingIfNeeded: signal)
    if write(pipe, &byte, 1) != 1 { _exit(128 + signal) }
}
