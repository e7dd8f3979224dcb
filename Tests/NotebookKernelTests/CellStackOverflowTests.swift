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
