import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The helper threads `ParallelLoop` hands parts of a loop to: `BLAS.maximumThreads − 1` plain
/// POSIX threads, started on first use, that spin briefly after each job (the next product
/// usually follows within microseconds) and then sleep on a condition variable.
///
/// Why not Dispatch: the notebook's cell host forks a snapshot after every cell, and Dispatch is
/// not fork-safe once its threads exist. These threads are: a `pthread_atfork` child handler
/// forgets them (a child has only the forking thread), and the child starts its own on first use.
final class WorkerThreads: @unchecked Sendable {
    /// The process's helpers (none when Tensors may use one thread).
    static let shared = WorkerThreads(helpers: BLAS.maximumThreads - 1)

    let helpers: Int
    /// Spins of a waiting helper before it sleeps (~20–50 µs).
    private static let spinLimit = 20_000

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let done = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Bumped (under `mutex`) when a job is posted; helpers spin on it without the lock.
    private let generation = Atomic<Int>(0)
    /// Parts posted and not yet finished.
    private let pending = Atomic<Int>(0)
    // Guarded by `mutex`:
    private var job: ((Int) -> Void)?
    private var parts = 0
    private var nextPart = 0
    private var sleepers = 0
    private var running = false
    private var started = false

    private init(helpers: Int) {
        self.helpers = Swift.max(helpers, 0)
        initializeLocks()
        if self.helpers > 0 {
            WorkerThreads.registered = self
            pthread_atfork(
                { if let pool = WorkerThreads.registered { pthread_mutex_lock(pool.mutex) } },
                { if let pool = WorkerThreads.registered { pthread_mutex_unlock(pool.mutex) } },
                { WorkerThreads.registered?.forgetThreadsAfterFork() })
        }
    }

    /// The pool the fork handlers reach (set once, before any helper starts).
    nonisolated(unsafe) private static var registered: WorkerThreads?

    private func initializeLocks() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(wake, nil)
        pthread_cond_init(done, nil)
    }

    /// In a forked child: the helpers do not exist there; new ones start on the next job.
    private func forgetThreadsAfterFork() {
        initializeLocks()
        job = nil
        running = false
        started = false
        sleepers = 0
        pending.store(0, ordering: .relaxed)
    }

    /// Runs `body(p)` for every p in `0..<parts`, on this thread and the helpers, and returns when
    /// all have finished. Runs everything on this thread when there are no helpers or another
    /// job is in progress (a nested or concurrent call).
    func run(parts: Int, _ body: (Int) -> Void) {
        if parts <= 1 || helpers == 0 {
            for p in 0..<parts { body(p) }
            return
        }
        withoutActuallyEscaping(body) { body in
            pthread_mutex_lock(mutex)
            if running {
                pthread_mutex_unlock(mutex)
                for p in 0..<parts { body(p) }
                return
            }
            if !started { startHelpers() }
            running = true
            job = body
            self.parts = parts
            nextPart = 0
            pending.store(parts, ordering: .relaxed)
            generation.add(1, ordering: .releasing)
            if sleepers > 0 { pthread_cond_broadcast(wake) }
            while nextPart < parts {
                let p = nextPart
                nextPart += 1
                pthread_mutex_unlock(mutex)
                body(p)
                pthread_mutex_lock(mutex)
                pending.subtract(1, ordering: .relaxed)
            }
            pthread_mutex_unlock(mutex)
            var spins = 0
            while pending.load(ordering: .acquiring) > 0 && spins < Self.spinLimit { spins &+= 1 }
            pthread_mutex_lock(mutex)
            while pending.load(ordering: .acquiring) > 0 { pthread_cond_wait(done, mutex) }
            job = nil
            running = false
            pthread_mutex_unlock(mutex)
        }
    }

    /// Starts the helper threads (called with `mutex` held).
    private func startHelpers() {
        started = true
        for _ in 0..<helpers {
            var thread = pthread_t()
            let context = Unmanaged.passRetained(self).toOpaque()
            let status = pthread_create(
                &thread, nil,
                { context in
                    let pool = Unmanaged<WorkerThreads>.fromOpaque(context!).takeRetainedValue()
                    pool.helperLoop()
                    return nil
                }, context)
            if status == 0 {
                pthread_detach(thread)
            } else {
                Unmanaged<WorkerThreads>.fromOpaque(context).release()
            }
        }
    }

    /// A helper: waits for a new job, takes parts until none is left, and waits again.
    private func helperLoop() {
        var seen = generation.load(ordering: .acquiring)
        while true {
            var spins = 0
            while generation.load(ordering: .acquiring) == seen && spins < Self.spinLimit { spins &+= 1 }
            pthread_mutex_lock(mutex)
            while generation.load(ordering: .acquiring) == seen {
                sleepers += 1
                pthread_cond_wait(wake, mutex)
                sleepers -= 1
            }
            seen = generation.load(ordering: .acquiring)
            while let body = job, nextPart < parts {
                let p = nextPart
                nextPart += 1
                pthread_mutex_unlock(mutex)
                body(p)
                pthread_mutex_lock(mutex)
                if pending.subtract(1, ordering: .releasing).newValue == 0 { pthread_cond_signal(done) }
            }
            pthread_mutex_unlock(mutex)
        }
    }
}
