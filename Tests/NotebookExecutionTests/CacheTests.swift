import Foundation
import NotebookDocument
import NotebookExecution
import Testing

@Suite struct CacheTests {
    static let notebook = """
        ---
        params:
          n: 2
        ---

        ```swift
        print("computed", n * 21)
        ```
        """

    func options(_ harness: ExecutionHarness) -> ExecutionOptions {
        var options = ExecutionOptions()
        options.cacheDirectory = harness.folder + "/.cache"
        return options
    }

    @Test func unchangedNotebookComesFromTheCache() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let (_, first) = try harness.run(Self.notebook, options: options(harness))
        #expect(!first.fromCache)
        let (_, second) = try harness.run(Self.notebook, options: options(harness))
        #expect(second.fromCache)
        #expect(second.cells == first.cells)
        var forced = options(harness)
        forced.force = true
        let (_, third) = try harness.run(Self.notebook, options: forced)
        #expect(!third.fromCache)
    }

    @Test func changedParameterOrCellIsAMiss() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        _ = try harness.run(Self.notebook, options: options(harness))
        var overridden = options(harness)
        overridden.parameterOverrides = [("n", "3")]
        let (_, changed) = try harness.run(Self.notebook, options: overridden)
        #expect(!changed.fromCache)
        #expect(changed.cells[0].stdout == "computed 63\n")
        let (_, edited) = try harness.run(
            Self.notebook.replacingOccurrences(of: "21", with: "22"), options: options(harness))
        #expect(!edited.fromCache)
    }

    @Test func corruptEntryIsIgnoredAndRebuilt() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        _ = try harness.run(Self.notebook, options: options(harness))
        let runs = harness.folder + "/.cache/runs"
        let entries = try FileManager.default.contentsOfDirectory(atPath: runs)
        #expect(entries.count == 1)
        let entry = runs + "/" + entries[0]
        let data = try #require(FileManager.default.contents(atPath: entry))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: entry))
        let (_, rerun) = try harness.run(Self.notebook, options: options(harness))
        #expect(!rerun.fromCache)
        #expect(rerun.cells[0].stdout == "computed 42\n")
        let (_, cached) = try harness.run(Self.notebook, options: options(harness))
        #expect(cached.fromCache)
    }

    @Test func failingRunsAndUncachedCellsAreNotStored() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let failing = "```swift\nfatalError(\"no\")\n```\n"
        _ = try harness.run(failing, options: options(harness))
        let (_, again) = try harness.run(failing, options: options(harness))
        #expect(!again.fromCache)
        let volatile = "```swift\n//| cache: false\nprint(1)\n```\n"
        _ = try harness.run(volatile, options: options(harness))
        let (_, volatileAgain) = try harness.run(volatile, options: options(harness))
        #expect(!volatileAgain.fromCache)
    }
}
