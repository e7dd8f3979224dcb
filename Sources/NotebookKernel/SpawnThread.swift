import Foundation

/// One thread that lives as long as the process, on which the cell host is started.
///
/// The host asks for a signal when its parent dies (`PR_SET_PDEATHSIG`), so that no cell outlives
/// the engine; Linux sends it when the *thread* that forked the host ends, not the process. An
/// engine made on a Dispatch worker thread (as `serve` does) would lose its host as soon as
/// Dispatch retired that thread; spawning from this thread avoids that.
final class SpawnThread: @unchecked Sendable {
    /// The process's spawn thread (started on first use).
    static let shared = SpawnThread()

    private let condition = NSCondition()
    private var job: (() -> Void)?
    private let oneAtATime = NSLock()

    private init() {
        let thread = Thread { [self] in serve() }
        thread.name = "notebook-cell-host spawner"
        thread.start()
    }

    /// Runs `body` on the spawn thread and returns its result (callers wait their turn).
    func perform<Result>(_ body: @escaping () -> Result) -> Result {
        oneAtATime.lock()
        defer { oneAtATime.unlock() }
        let box = ResultBox<Result>()
        let done = DispatchSemaphore(value: 0)
        condition.lock()
        job = {
            box.value = body()
            done.signal()
        }
        condition.signal()
        condition.unlock()
        done.wait()
        guard let value = box.value else { preconditionFailure("the spawn thread returned no result") }
        return value
    }

    private func serve() {
        while true {
            condition.lock()
            while job == nil { condition.wait() }
            let next = job
            job = nil
            condition.unlock()
            next?()
        }
    }

    private final class ResultBox<Value>: @unchecked Sendable {
        var value: Value?
    }
}
