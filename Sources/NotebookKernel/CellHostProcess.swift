import Foundation
import NotebookExecution

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// The running cell host (`notebook-cell-host`): its processes, its output pipes and its command
/// FIFO. Only the engine's thread calls it, except ``kill(_:signal:)`` (any thread).
///
/// Everything the cells start is contained: the host joins control groups of its own where the
/// machine lets the engine create them (``ProcessCgroup``: `pids.max` bounds what cells run),
/// and its root adopts every orphan below it, so ``terminate()`` (and the end of the
/// engine's process, even by SIGKILL) ends every process a cell started, also one that left with
/// `setsid` and a cleared environment.
final class CellHostProcess: @unchecked Sendable {
    /// Something the host said.
    enum Event: Equatable {
        /// Bytes a cell wrote to standard output (text and framed records).
        case standardOutput([UInt8])
        /// Bytes a cell wrote to standard error.
        case standardError([UInt8])
        /// A status line.
        case status(HostStatus)
        /// Every host process is gone (the status pipe closed).
        case gone
    }

    /// An error starting the host.
    struct LaunchError: Error, CustomStringConvertible {
        var description: String
    }

    /// The root process (its process group holds every host process).
    let rootPID: pid_t
    /// The folder of the FIFOs.
    let directory: String
    /// The control groups holding every host process, when the machine lets the engine make them.
    private let cgroup: ProcessCgroup?

    /// The most processes and threads the cells may run at once (the host's root and snapshots
    /// are counted on top, see ``allowSnapshots(_:)``).
    private let processLimit: Int

    /// The environment variables that give the host its limits on each cell process, in bytes:
    /// the address space and the largest file.
    static let memoryLimitVariable = "NOTEBOOK_CELL_HOST_MEMORY_LIMIT"
    static let fileSizeLimitVariable = "NOTEBOOK_CELL_HOST_FILE_SIZE_LIMIT"

    private var commands: Int32
    private var descriptors: [Int32]  // stdout, stderr, status
    private var statusBuffer: [UInt8] = []
    private var pendingStatuses: [HostStatus] = []

    /// Starts `executable DIRECTORY [prelude symbol]` with `environment`; its cells may run
    /// `processLimit` processes and threads at once where a cgroup can bound them.
    init(
        executable: String, directory: String, prelude: (library: String, symbol: String)?,
        environment: [String: String], processLimit: Int
    ) throws {
        self.directory = directory
        self.processLimit = processLimit
        let commandsPath = directory + "/commands"
        unlink(commandsPath)
        guard mkfifo(commandsPath, 0o600) == 0 else {
            throw LaunchError(description: "cannot create \(commandsPath): \(String(cString: strerror(errno)))")
        }
        // Read-write: writes never block or fail while no worker reads, and workers never see EOF.
        commands = open(commandsPath, O_RDWR | O_CLOEXEC)
        guard commands >= 0 else { throw LaunchError(description: "cannot open \(commandsPath)") }

        var ends: [(read: Int32, write: Int32)] = []
        for _ in 0..<3 {
            var pair: [Int32] = [0, 0]
            guard pipe(&pair) == 0 else { throw LaunchError(description: "cannot create a pipe") }
            // Close-on-exec: compilers the engine starts must not hold the host's pipes open.
            for descriptor in pair { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
            ends.append((pair[0], pair[1]))
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        for (target, pair) in ends.enumerated() {
            posix_spawn_file_actions_adddup2(&actions, pair.write, Int32(target + 1))
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A process group of its own: a terminal's Ctrl-C reaches the kernel, not the cells.
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        var arguments = [executable, directory]
        if let prelude { arguments += [prelude.library, prelude.symbol] }
        _ = Self.removeAbandonedGroups
        let cgroup = ProcessCgroup.create(processLimit: processLimit + Self.hostProcesses)
        var environment = environment
        // The host joins them first thing (see containment.h).
        environment["NOTEBOOK_CELL_HOST_CGROUPS"] = cgroup?.folders.joined(separator: "\n")
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for argument in argv { free(argument) }
            for variable in envp { free(variable) }
        }
        // From the spawn thread: the host's parent-death signal follows the thread that started it.
        let (result, pid) = SpawnThread.shared.perform { () -> (Int32, pid_t) in
            var pid: pid_t = 0
            let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
            return (result, pid)
        }
        for pair in ends { close(pair.write) }
        guard result == 0 else {
            for pair in ends { close(pair.read) }
            close(commands)
            cgroup?.remove()
            throw LaunchError(description: "cannot start \(executable): \(String(cString: strerror(result)))")
        }
        rootPID = pid
        self.cgroup = cgroup
        descriptors = ends.map(\.read)
    }

    /// Processes of the host's own beside the snapshots: the root, and the next snapshot's fork.
    private static let hostProcesses = 2

    /// Keeps `pids.max` at the cells' limit plus the host's own processes, `count` snapshots
    /// among them, so saved states never use up what the cells may run.
    func allowSnapshots(_ count: Int) {
        cgroup?.setProcessLimit(processLimit.addingReportingOverflow(count + Self.hostProcesses).partialValue)
    }

    /// Groups left by engines that were killed (their roots killed the members; the empty
    /// folders stay): removed once per process.
    private static let removeAbandonedGroups: Void = ProcessCgroup.removeAbandoned()

    deinit {
        close(commands)
        for descriptor in descriptors where descriptor >= 0 { close(descriptor) }
    }

    /// Sends one command line to the current worker.
    func send(_ command: String) {
        write(line: command, to: commands)
    }

    /// Tells the snapshot `id` (`root` for the state before any cell) to fork a worker or to end.
    func tellSnapshot(_ id: String, _ command: String) {
        let path = "\(directory)/snapshot-\(id)"
        // Non-blocking: a snapshot that is gone (killed, crashed) must not hang the engine.
        for _ in 0..<Self.snapshotOpenAttempts {
            let descriptor = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            if descriptor >= 0 {
                write(line: command, to: descriptor)
                close(descriptor)
                return
            }
            if errno != ENXIO { return }  // no reader yet: the snapshot is still starting (or busy)
            usleep(Self.snapshotRetryMicroseconds)
        }
    }

    /// How often, and how far apart, the engine tries to reach a snapshot that is not listening
    /// yet before it gives up on it: 200 × 5 ms, one second.
    private static let snapshotOpenAttempts = 200
    private static let snapshotRetryMicroseconds: useconds_t = 5_000

    /// Sends `signal` to one host process (nothing to a process that is not one).
    func kill(_ pid: pid_t, signal: Int32 = SIGKILL) {
        guard isHostProcess(pid) else { return }
        _ = Glibc.kill(pid, signal)
    }

    /// Whether `pid` is the root or a process below it. A process id the engine got from a status
    /// line is checked before it is signalled: cells can write status lines too, and must not make
    /// the engine kill a process of someone else's. (The root adopts every orphan below it, so a
    /// host process never leaves its tree.)
    func isHostProcess(_ pid: pid_t) -> Bool {
        var current = pid
        // Each saved state resumed nests a worker and its snapshots one level deeper.
        for _ in 0..<Self.deepestTree {
            if current == rootPID { return true }
            guard current > 1, let parent = ProcessListing.parent(of: current) else { return false }
            current = parent
        }
        return false
    }

    private static let deepestTree = 1 << 16

    /// Whether a `done` line for a cell run by `worker` is the worker's own: the worker has gone
    /// back to waiting for its next command (its main thread blocks reading standard input, as
    /// /proc/PID/syscall shows), and `snapshot` is 0 or a child of the worker. A cell that writes
    /// the line itself is still running its code then. Waits up to ``idleWaitLimit`` for the
    /// worker to get there.
    func confirmsDone(worker: pid_t, snapshot: pid_t) -> Bool {
        guard isHostProcess(worker) else { return false }
        if snapshot != 0, ProcessListing.parent(of: snapshot) != worker { return false }
        let deadline = ContinuousClock.now + Self.idleWaitLimit
        repeat {
            if Self.isReadingStandardInput(worker) { return true }
            usleep(200)
        } while ContinuousClock.now < deadline
        return false
    }

    /// Whether `pid` is a live process (not a zombie).
    func isAlive(_ pid: pid_t) -> Bool {
        ProcessStatus(pid: pid).map { !$0.isZombie } ?? false
    }

    /// How long a worker that reported `done` may take to be back at its command input.
    private static let idleWaitLimit: Duration = .seconds(5)

    /// Whether `pid`'s main thread is blocked in `read(0, …)` (/proc/PID/syscall: the system
    /// call's number, then its arguments).
    private static func isReadingStandardInput(_ pid: pid_t) -> Bool {
        #if arch(x86_64)
            let readCall = "0"
        #elseif arch(arm64)
            let readCall = "63"
        #else
            return true  // no table for this architecture: trust the line
        #endif
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/syscall", encoding: .utf8) else { return false }
        let fields = text.split(separator: " ", maxSplits: 2)
        return fields.count >= 2 && fields[0] == readCall && fields[1] == "0x0"
    }

    /// Kills a worker and the processes its cells started that stayed in its session
    /// (background processes; one that left with `setsid` goes with ``killLeftovers(keeping:)``),
    /// repeating while new ones appear (a process may fork while the list is read).
    func killWorker(_ pid: pid_t) {
        guard isHostProcess(pid) else { return }
        _ = Glibc.kill(-pid, SIGKILL)
        _ = Glibc.kill(pid, SIGKILL)
        for _ in 0..<10 {
            let members = ProcessListing.processes(inSession: pid)
            if members.isEmpty { return }
            for member in members { _ = Glibc.kill(member, SIGKILL) }
            usleep(1_000)
        }
    }

    /// Kills every process below the root but the saved states `snapshots`, once no worker runs:
    /// what is left then is what the ended workers' cells started and left behind (a process
    /// that left its worker's session with `setsid`, re-parented to the root), or a snapshot
    /// the engine never recorded. Repeats while new ones appear.
    func killLeftovers(keeping snapshots: Set<pid_t>) {
        for _ in 0..<10 {
            var tree = ProcessTree(root: rootPID)
            tree.refresh()
            let leftovers = tree.liveMembers().filter { !snapshots.contains($0) }
            if leftovers.isEmpty { return }
            for pid in leftovers { _ = Glibc.kill(pid, SIGKILL) }
            usleep(1_000)
        }
    }

    /// Ends every host process and every process a cell started, then reaps the root.
    ///
    /// The root does it (SIGUSR1: its groups' `cgroup.kill`, then a walk of /proc below it); a
    /// root that does not end within ``rootEndingTime`` (stopped, or gone wrong) is killed with
    /// its process group. The control groups then go, with anything still in them.
    func terminate() {
        _ = Glibc.kill(rootPID, SIGUSR1)
        _ = Glibc.kill(rootPID, SIGCONT)
        var status: Int32 = 0
        let deadline = ContinuousClock.now + Self.rootEndingTime
        while true {
            let result = waitpid(rootPID, &status, WNOHANG)
            if result == rootPID || (result < 0 && errno != EINTR) { break }
            if ContinuousClock.now >= deadline {
                // Everything below the root, found while it still links them, then the root.
                var tree = ProcessTree(root: rootPID)
                tree.refresh()
                for member in tree.liveMembers() { _ = Glibc.kill(member, SIGKILL) }
                _ = Glibc.kill(-rootPID, SIGKILL)
                _ = Glibc.kill(rootPID, SIGKILL)
                while waitpid(rootPID, &status, 0) < 0, errno == EINTR {}
                break
            }
            usleep(2_000)
        }
        cgroup?.remove()
    }

    /// How long ``terminate()`` lets the root kill what is below it.
    private static let rootEndingTime: Duration = .seconds(5)

    /// The next event, or nil when `deadline` passed first.
    func nextEvent(until deadline: ContinuousClock.Instant?) -> Event? {
        if !pendingStatuses.isEmpty { return .status(pendingStatuses.removeFirst()) }
        while true {
            var polls = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            var timeout: Int32 = -1
            if let deadline {
                let left = ContinuousClock.now.duration(to: deadline)
                if left <= .zero { return nil }
                let milliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
                timeout = Int32(clamping: max(milliseconds, 1))
            }
            let ready = poll(&polls, nfds_t(polls.count), timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                return .gone
            }
            if ready == 0 { continue }
            // Output first: everything a cell wrote before it reported is then already read.
            for index in 0..<2 where polls[index].revents != 0 {
                if let bytes = readAvailable(descriptors[index]), !bytes.isEmpty {
                    return index == 0 ? .standardOutput(bytes) : .standardError(bytes)
                }
            }
            if polls[2].revents != 0 {
                guard let bytes = readAvailable(descriptors[2]), !bytes.isEmpty else { return .gone }
                statusBuffer += bytes
                while let newline = statusBuffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: statusBuffer[..<newline], as: UTF8.self)
                    statusBuffer.removeSubrange(...newline)
                    if let status = HostStatus(line: Substring(line)) { pendingStatuses.append(status) }
                }
                if !pendingStatuses.isEmpty { return .status(pendingStatuses.removeFirst()) }
            }
        }
    }

    /// Whatever standard output and standard error hold right now (after a status line).
    func drainOutput() -> [Event] {
        var events: [Event] = []
        for index in 0..<2 {
            while true {
                var poller = pollfd(fd: descriptors[index], events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 0) > 0, let bytes = readAvailable(descriptors[index]), !bytes.isEmpty else {
                    break
                }
                events.append(index == 0 ? .standardOutput(bytes) : .standardError(bytes))
            }
        }
        return events
    }

    private func readAvailable(_ descriptor: Int32) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return nil }
            return Array(buffer[..<count])
        }
    }

    private func write(line: String, to descriptor: Int32) {
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}
