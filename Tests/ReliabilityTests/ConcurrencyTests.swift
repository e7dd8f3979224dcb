import Dispatch
import Foundation
import NotebookTestSupport
import Testing

/// Several notebooks and several runners at once, sharing one cache.
@Suite(.serialized) struct ConcurrencyTests {
    static func writeNotebooks(_ count: Int, in folder: String) throws {
        for index in 0..<count {
            try NotebookBinary.write(
                "# Notebook \(index)\n\n```swift\nlet mine = \(index)\nprint(\"notebook\", mine)\n```\n\n```swift\ndisplay(Table(columns: [\"n\"], rows: [[\"\\(mine * 2)\"]]))\n```\n",
                to: folder + "/notes/n\(index).md")
        }
    }

    static func cacheFiles(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/.notebook-cache/runs")) ?? []).sorted()
    }

    @Test func manyNotebooksInParallelShareOneCache() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.writeNotebooks(8, in: folder)
        let first = try NotebookBinary.run(["render", "notes", "--out", "out", "--jobs", "4"], in: folder)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(Self.cacheFiles(folder).count == 8)
        let second = try NotebookBinary.run(["render", "notes", "--out", "out", "--jobs", "4"], in: folder)
        #expect(second.status == 0, "\(second.standardError)")
        #expect(second.standardError.occurrences(of: "cached") == 8, "\(second.standardError)")
        for index in 0..<8 {
            let html = try String(contentsOfFile: folder + "/out/n\(index).html", encoding: .utf8)
            #expect(html.contains("notebook \(index)"))
            #expect(html.contains(">\(index * 2)<"))
        }
        #expect(NotebookBinary.leftoverTemporaryFiles(in: folder).isEmpty)
    }

    /// Two runners on the same folder at once (same cache, same output folder): both succeed,
    /// every report is whole and valid, and the cache is consistent afterwards.
    @Test func twoRunnersOnOneFolderAtOnce() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.writeNotebooks(4, in: folder)
        let results = Locked<[NotebookBinary.Result]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            if let result = try? NotebookBinary.run(["render", "notes", "--out", "out", "--jobs", "2"], in: folder) {
                results.update { $0.append(result) }
            }
        }
        #expect(results.value.count == 2)
        for result in results.value { #expect(result.status == 0, "\(result.standardError)") }
        let files = (0..<4).map { folder + "/out/n\($0).html" } + [folder + "/out/index.html"]
        for (index, file) in files.dropLast().enumerated() {
            let html = try String(contentsOfFile: file, encoding: .utf8)
            #expect(html.hasSuffix("</html>\n") || html.hasSuffix("</html>"))
            #expect(html.contains("notebook \(index)"))
        }
        #expect(NotebookBinary.leftoverTemporaryFiles(in: folder).isEmpty)
        #expect(Self.cacheFiles(folder).count == 4)
        let third = try NotebookBinary.run(["render", "notes", "--out", "out"], in: folder)
        #expect(third.standardError.occurrences(of: "cached") == 4, "\(third.standardError)")
        if HTMLValidator.tool != nil {
            let problems = HTMLValidator.problems(in: files)
            #expect(problems.isEmpty, "\(problems.prefix(5).joined(separator: "\n"))")
        }
    }

    /// A truncated cache entry, and one that is garbage, are detected and rebuilt through the CLI.
    @Test func corruptCacheEntriesAreRebuilt() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.writeNotebooks(2, in: folder)
        #expect(try NotebookBinary.run(["render", "notes", "--out", "out"], in: folder).status == 0)
        let entries = Self.cacheFiles(folder)
        #expect(entries.count == 2)
        let runs = folder + "/.notebook-cache/runs/"
        let whole = try #require(FileManager.default.contents(atPath: runs + entries[0]))
        try whole.prefix(whole.count / 3).write(to: URL(fileURLWithPath: runs + entries[0]))
        try Data([0xFF, 0x00, 0x7B]).write(to: URL(fileURLWithPath: runs + entries[1]))
        let rerun = try NotebookBinary.run(["render", "notes", "--out", "out"], in: folder)
        #expect(rerun.status == 0, "\(rerun.standardError)")
        #expect(!rerun.standardError.contains("cached"), "\(rerun.standardError)")
        for index in 0..<2 {
            #expect(
                try String(contentsOfFile: folder + "/out/n\(index).html", encoding: .utf8).contains(
                    "notebook \(index)"))
        }
        #expect(FileManager.default.contents(atPath: runs + entries[0]) == whole || Self.cacheFiles(folder).count == 2)
        let cached = try NotebookBinary.run(["render", "notes", "--out", "out"], in: folder)
        #expect(cached.standardError.occurrences(of: "cached") == 2, "\(cached.standardError)")
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
