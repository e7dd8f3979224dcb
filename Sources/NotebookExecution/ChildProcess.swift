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

    /// Whether the program is a toolchain tool, whose end kills only its process group.
    let isTrustedTool: Bool

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
    ///   - isTrustedTool: the program is one of the toolchain's (a compiler, a linker), not the
    ///     user's code: at its end only its process group is killed, without the scans of /proc
    ///     that find processes which left it (they cost 10–20 ms, per cell in the kernel).
    public init(
        executable: String, arguments: [String], environment: [String: String], workingDirectory: String?,
        standardOutput: String, standardError: String, memoryLimitBytes: Int? = nil, fileSizeLimitBytes: Int? = nil,
        processLimit: Int? = nil, isTrustedTool: Bool = false
    ) throws(LaunchError) {
        self.isTrustedTool = isTrustedTool
        var program = executable
        var argv = [executable] + arguments
        let cgroup = processLimit.flatMap { ProcessCgroup.create(processLimit: $0) }
        if memoryLimitBytes != nil || fileSizeLimitBytes != nil || workingDirectory != nil || processLimit != nil {
            // A small shell prologue joins the cgroups, sets the limits and folder, then becomes
            // the program.
            var script = cgroup?.joinCommand ?? ""
            if let memoryLimitBytes {
                let kibibytes =
                    memoryLimitBytes.addingReportingOverflow(ExecutionLimits.runtimeReserveBytes).partialValue / 1024
                script += "ulimit -v \(max(kibibytes, 1)) || exit 125; "
            }
            // POSIX sh counts `ulimit -f` in 512-byte blocks.
            if let fileSizeLimitBytes { script += "ulimit -f \(max(fileSizeLimitBytes / 512, 1)) || exit 125; " }
            if workingDirectory != nil { script += "cd \"$NOTEBOOK_WORKING_DIRECTORY\" || exit 125; " }
            if let processLimit, cgroup == nil, getuid() != 0 {
                // RLIMIT_NPROC counts every process of the user: allow the ones running now.
                let allowed = processLimit.addingReportingOverflow(ProcessListing.processCount(ofUser: getuid()))
                    .partialValue
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
            for argument in cArguments { free(argument) }
            for variable in cEnvironment { free(variable) }
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

    /// Polls until the process exits or `shouldStop` (called every 1–20 ms) returns true, in
    /// which case the whole process group is killed. Leftover processes in the group are killed
    /// either way.
    public func wait(shouldStop: () -> Bool) -> Termination {
        var status: Int32 = 0
        var killedByUs = false
        var nextRefresh = ContinuousClock.now
        // Short processes (a cell's link) are seen ending within a millisecond or two; longer
        // ones are polled every 20 ms.
        var pause: useconds_t = 1_000
        while true {
            // Without a cgroup, remember the descendants before they can be orphaned.
            if tree != nil, ContinuousClock.now >= nextRefresh {
                tree?.refresh()
                nextRefresh = ContinuousClock.now + .milliseconds(100)
            }
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0, errno != EINTR { break }
            if !killedByUs, shouldStop() {
                killedByUs = true
                killSession()
            }
            usleep(pause)
            pause = min(pause * 2, 20_000)
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
        if isTrustedTool, cgroup == nil, tree == nil { return }
        let runner = getpid()
        if let cgroup {
            for _ in 0..<10 {
                let members = cgroup.members()
                if members.isEmpty { break }
                let adopted = members.filter { ProcessListing.parent(of: $0) == runner }
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
            let adopted =
                claimsAdopted
                ? ProcessListing.orphans(of: runner, tagged: nil, variable: Self.tagVariable).filter {
                    !ChildProcessRegistry.contains($0)
                } : []
            let members =
                ProcessListing.processes(inSession: pid)
                + ProcessListing.orphans(of: runner, tagged: tag, variable: Self.tagVariable)
                + (tree?.liveMembers() ?? []) + adopted
            if members.isEmpty { return }
            for member in members { kill(member, SIGKILL) }
            // Orphans are the runner's children now: reap them, or they stay zombies.
            for member in members where ProcessListing.parent(of: member) == runner {
                while waitpid(member, nil, 0) < 0, errno == EINTR {}
            }
        }
    }
}
