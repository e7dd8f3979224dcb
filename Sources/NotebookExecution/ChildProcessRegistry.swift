import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    @preconcurrency import Darwin
#endif

/// The process groups the runner started, so Ctrl-C or SIGTERM can stop them all.
public enum ChildProcessRegistry {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var groups: Set<pid_t> = []
    // A fixed table the signal handler can read without locks or allocation.
    nonisolated(unsafe) private static let table = UnsafeMutablePointer<pid_t>.allocate(capacity: tableCapacity)
    nonisolated(unsafe) private static var tableReady = false
    /// How many process groups the handler's table holds (the last slot ends the list).
    private static let tableCapacity = 256

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
            table.initialize(repeating: 0, count: tableCapacity)
            tableReady = true
        }
        var index = 0
        for pid in groups.prefix(tableCapacity - 1) {
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
                let setChildSubreaper: Int32 = 36  // PR_SET_CHILD_SUBREAPER
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
            table.initialize(repeating: 0, count: tableCapacity)
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
        _ = (signalReceived, cleanerWoken, wakePipe)
        lock.unlock()
        becomeSubreaper()
        TemporaryFolder.removeAbandoned()
        ProcessCgroup.removeAbandoned()
        signal(SIGINT, stopChildrenOnSignal)
        signal(SIGTERM, stopChildrenOnSignal)
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
            while index < tableCapacity, table[index] != 0 {
                members += ProcessListing.processes(inSession: table[index])
                index += 1
            }
            members += ProcessListing.orphans(of: getpid(), tagged: nil, variable: ChildProcess.tagVariable)
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
    public static var isTerminating: Bool { signalReceived != 0 }

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
        while index < tableCapacity, table[index] != 0 {
            kill(-table[index], SIGKILL)
            index += 1
        }
    }
}

nonisolated(unsafe) private var signalReceived: sig_atomic_t = 0
nonisolated(unsafe) private var cleanerWoken: sig_atomic_t = 0

private func stopChildrenOnSignal(_ signal: Int32) {
    signalReceived = 1
    ChildProcessRegistry.killAll()
    let pipe = ChildProcessRegistry.wakePipe.write
    // The first signal hands the rest of the clean-up to the cleaner thread; a second one (or
    // no thread) exits at once.
    guard cleanerWoken == 0, pipe >= 0 else { _exit(128 + signal) }
    cleanerWoken = 1
    var byte = UInt8(truncatingIfNeeded: signal)
    if write(pipe, &byte, 1) != 1 { _exit(128 + signal) }
}
