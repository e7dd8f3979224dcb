import Foundation
import NotebookKernel
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A cell whose stack overflows is reported as a stack overflow (as `render` reports it), not as
/// an invalid memory access or a full memory limit; the state before it stays. Other faults keep
/// their own names: a bad pointer, and a SIGSEGV sent rather than raised by a fault.
@Suite("Cell engine: stack overflow")
struct CellStackOverflowTests {
    static let recursion = """
        func depth(_ n: Int) -> Int { n < 0 ? 0 : 1 + depth(n + 1) }
        print(depth(0))
        """

    @Test(arguments: [nil, 1 << 30] as [Int?])
    func endlessRecursionIsAStackOverflowAndTheStateStays(memoryLimit: Int?) throws {
        let harness = try EngineHarness { $0.memoryLimitBytes = memoryLimit }
        harness.run("let kept = 11")
        let overflow = harness.run(Self.recursion)
        #expect(overflow.report.status == .stackOverflow, "\(overflow.report.status) \(overflow.report.message)")
        #expect(overflow.report.message.contains("recursed too deeply"), "\(overflow.report.message)")
        #expect(!overflow.report.message.contains("memory"), "\(overflow.report.message)")
        #expect(harness.run("print(kept)").stdout == "11\n")
        // The worker that replaced the crashed one reports its own overflow too.
        #expect(harness.run(Self.recursion).report.status == .stackOverflow)
    }

    /// A thread the cell starts has a stack of its own (here 1 MiB): its overflow is reported
    /// the same way, whether Foundation's `Thread` or `pthread_create` started it.
    @Test(arguments: [
        """
        import Foundation
        func depth(_ n: Int) -> Int { n < 0 ? 0 : 1 + depth(n + 1) }
        let thread = Thread { print(depth(0)) }
        thread.stackSize = 1 << 20
        thread.start()
        Thread.sleep(forTimeInterval: 30)
        """,
        """
        import Glibc
        func depth(_ n: Int) -> Int { n < 0 ? 0 : 1 + depth(n + 1) }
        var thread = pthread_t()
        pthread_create(&thread, nil, { _ in print(depth(0)); return nil }, nil)
        pthread_join(thread, nil)
        """,
    ])
    func aThreadsEndlessRecursionIsAStackOverflow(cell: String) throws {
        let harness = try EngineHarness()
        harness.run("let kept = 12")
        let overflow = harness.run(cell)
        #expect(overflow.report.status == .stackOverflow, "\(overflow.report.status) \(overflow.report.message)")
        #expect(harness.run("print(kept)").stdout == "12\n")
    }

    @Test func aBadPointerIsAnInvalidMemoryAccess() throws {
        let harness = try EngineHarness()
        let crash = harness.run("UnsafeMutablePointer<Int>(bitPattern: 64)!.pointee = 1")
        #expect(crash.report.status == .crashed(signal: SIGSEGV, exitCode: nil))
        #expect(crash.report.message.contains("invalid memory access"), "\(crash.report.message)")
    }

    @Test func aSentSegmentationSignalIsNotAStackOverflow() throws {
        let harness = try EngineHarness()
        let crash = harness.run("import Glibc\nraise(SIGSEGV)")
        #expect(crash.report.status == .crashed(signal: SIGSEGV, exitCode: nil))
    }
}
