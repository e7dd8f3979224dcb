import Dispatch
import Foundation
import NotebookDocument
import NotebookExecution
import Testing

/// Faults during a run: runaway memory, leftover child processes, deadlocks, parallel runs.
@Suite struct FaultTests {
    @Test func memoryLimitStopsAGreedyCellAndSaysSo() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        var options = ExecutionOptions()
        options.memoryLimitBytes = 1 << 30
        let (_, run) = try harness.run(
            """
            ```swift
            print("small")
            ```

            ```swift
            var hoard: [[UInt8]] = []
            for _ in 0..<64 { hoard.append([UInt8](repeating: 1, count: 64 << 20)) }
            print(hoard.count)
            ```
            """, options: options)
        #expect(run.cells[0].stdout == "small\n")
        let failure = try #require(run.cells[1].failure)
        #expect(failure.kind == .memoryLimit, "\(failure)")
    }

    @Test func childProcessesLeftRunningAreKilled() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let pidFile = harness.folder + "/child.pid"
        let (_, run) = try harness.run(
            """
            ```swift
            let child = Process()
            child.executableURL = URL(fileURLWithPath: "/bin/sleep")
            child.arguments = ["300"]
            try child.run()
            try String(child.processIdentifier).write(toFile: "\(pidFile)", atomically: true, encoding: .utf8)
            print("started")
            ```
            """)
        #expect(run.succeeded)
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8)))
        var alive = kill(pid, 0) == 0
        for _ in 0..<50 where alive {
            usleep(20_000)
            alive = kill(pid, 0) == 0 && !Self.isZombie(pid)
        }
        #expect(!alive, "the cell's child process \(pid) survived the run")
    }

    static func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        return stat.split(separator: " ").dropFirst(2).first == "Z"
    }

    @Test func deadlockedCellTimesOut() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let (_, run) = try harness.run(
            """
            ```swift
            //| timeout: 1
            let never = DispatchSemaphore(value: 0)
            print("waiting")
            never.wait()
            ```
            """)
        #expect(run.cells[0].failure?.kind == .timeout)
        #expect(run.cells[0].stdout == "waiting\n")
    }

    @Test func notebooksRunInParallelWithOneSharedCache() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let toolchain = try ExecutionHarness.toolchain.get()
        let count = 6
        var paths: [String] = []
        for index in 0..<count {
            let path = harness.folder + "/n\(index).md"
            try "```swift\nlet mine = \(index)\nprint(\"notebook\", mine)\n```\n".write(
                toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        var options = ExecutionOptions()
        options.cacheDirectory = harness.folder + "/.cache"
        let outputs = Locked<[Int: String]>([:])
        let notebookPaths = paths
        let sharedOptions = options
        for round in 0..<2 {
            DispatchQueue.concurrentPerform(iterations: count) { index in
                guard let notebook = try? NotebookParser.parse(fileAt: notebookPaths[index]),
                    let run = try? NotebookExecutor(toolchain: toolchain).run(notebook, options: sharedOptions)
                else { return }
                outputs.update { $0[index + round * count] = run.cells[0].stdout + (run.fromCache ? "cached" : "") }
            }
        }
        let results = outputs.value
        for index in 0..<count {
            #expect(results[index] == "notebook \(index)\n")
            #expect(results[index + count] == "notebook \(index)\ncached")
        }
    }
}

/// A value shared between test threads.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func update(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }
}
