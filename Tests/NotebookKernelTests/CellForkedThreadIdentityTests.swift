import Foundation
import NotebookKernel
import Testing

/// Each cell runs in a process forked from the one before it, and the Swift runtime keeps each
/// thread's id in thread-local storage for the lock of a lazy global's initialisation (it owns
/// the lock by writing that id). The forking thread's copy holds the parent's id; the host clears
/// it in every child (threadidentity.c). Without that, a lock the cell's main thread holds and
/// another thread waits for is never released: a lazy global first read on the main thread and,
/// during its initialisation, on a helper thread (as Tensors' parallel products do) hung the cell
/// until its time limit.
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
        // The first cell's worker is forked from the host's root; the second's from a snapshot.
        for _ in 0..<2 {
            let run = harness.run(Self.contendedLazyGlobal, timeout: .seconds(60))
            #expect(run.report.status == .succeeded, "\(run.report.status) \(run.report.message)")
            #expect(run.stdout == "main thread read 42\nother thread read 42\n")
        }
    }
}
