import Foundation
import NotebookKernel
import Testing

/// Cells run in processes forked from the host (the first worker from the host's root, a worker
/// after a crash from the snapshot of the last good cell). The Swift runtime, and every module
/// that inlines `Synchronization.Mutex`, keep each thread's id in thread-local storage for their
/// locks (a lock is owned by writing that id). The forking thread's copy holds the parent's id;
/// the host clears it in every child (threadidentity.c). Without that, a lock the cell's main
/// thread holds and another thread waits for is never released: a lazy global first read on the
/// main thread and, during its initialisation, on a helper thread (as Tensors' parallel products
/// do) hung the cell until its time limit.
@Suite("Cell engine: locks across the forks between cells")
struct CellForkedThreadIdentityTests {
    /// The main thread initialises `Contended.value` while another thread waits for it.
    static let contendedLazyGlobal = """
        import Foundation
        enum Contended {
            static let value: Int = {
                let other = Thread { print("other thread read", Contended.value) }
                other.start()
                Thread.sleep(forTimeInterval: 0.3)
                return 42
            }()
        }
        print("main thread read", Contended.value)
        Thread.sleep(forTimeInterval: 0.3)
        """

    @Test func aLazyGlobalTheMainThreadInitialisesIsReleasedToAnotherThread() throws {
        let harness = try EngineHarness()
        for _ in 0..<2 {
            let run = harness.run(Self.contendedLazyGlobal, timeout: .seconds(60))
            #expect(run.report.status == .succeeded, "\(run.report.status) \(run.report.message)")
            // The two threads print in either order once the value is there.
            #expect(run.stdout.split(separator: "\n").sorted() == ["main thread read 42", "other thread read 42"])
        }
    }

    /// A `Mutex` of the first cell's module, whose cached id the worker that replaces a crashed
    /// one inherits from the snapshot, held by the main thread while a helper waits for it.
    @Test func aMutexTheMainThreadHoldsIsReleasedAfterACrash() throws {
        let harness = try EngineHarness()
        let define = harness.run(
            """
            import Foundation
            import Synchronization
            let counter = Mutex(0)
            func countTwice() {
                counter.withLock { $0 = 0 }
                counter.withLock { count in
                    let other = Thread { counter.withLock { $0 += 1 } }
                    other.start()
                    Thread.sleep(forTimeInterval: 0.3)
                    count += 1
                }
                Thread.sleep(forTimeInterval: 0.3)
                print("count", counter.withLock { $0 })
            }
            countTwice()
            """, timeout: .seconds(60))
        #expect(define.stdout == "count 2\n", "\(define.report.status) \(define.report.message)")
        let crash = harness.run("fatalError(\"on purpose\")")
        #expect(!crash.report.succeeded)
        let again = harness.run("countTwice()", timeout: .seconds(60))
        #expect(again.report.status == .succeeded, "\(again.report.status) \(again.report.message)")
        #expect(again.stdout == "count 2\n")
    }

    /// A fork by a thread the cell started: the child's only thread is that one, and its cached
    /// id (set by a contended lazy global before the fork) is cleared there too.
    @Test func aForkFromACellsThreadClearsThatThreadsId() throws {
        let harness = try EngineHarness()
        let run = harness.run(
            """
            import Foundation
            import Glibc
            enum Before {
                static let value: Int = {
                    Thread { _ = Before.value }.start()
                    usleep(200_000)
                    return 1
                }()
            }
            enum After {
                static let value: Int = {
                    Thread { _ = After.value }.start()
                    usleep(200_000)
                    return 2
                }()
            }
            let forker = Thread {
                _ = Before.value
                let child = fork()
                if child == 0 { _exit(After.value == 2 ? 0 : 1) }
                var status: Int32 = 0
                waitpid(child, &status, 0)
                print("child exit", (status >> 8) & 0xff, "signal", status & 0x7f)
            }
            forker.start()
            while !forker.isFinished { usleep(10_000) }
            """, timeout: .seconds(60))
        #expect(run.report.status == .succeeded, "\(run.report.status) \(run.report.message)")
        #expect(run.stdout == "child exit 0 signal 0\n")
    }
}
