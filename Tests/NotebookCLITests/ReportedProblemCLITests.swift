import Foundation
import NotebookTestSupport
import Testing

/// What users hit (issue 12.7), through the built binary.
@Suite struct ReportedProblemCLITests {
    @Test func unknownAttentionNameFailsListingTheValidNames() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
        ---
        params:
          attention: additive
        ---
        ```swift
        let kind = try AttentionKind(name: attention)
        print(kind)
        ```
        """.write(toFile: folder + "/notes.md", atomically: true, encoding: .utf8)
        let good = try NotebookBinary.run(["render", folder + "/notes.md", "--no-cache", "-q"])
        #expect(good.status == 0, "\(good.standardError)")
        let bad = try NotebookBinary.run(["render", folder + "/notes.md", "--no-cache", "-p", "attention=bogus"])
        #expect(bad.status == 1)
        #expect(bad.standardError.contains("notes.md:5"), "\(bad.standardError)")
        #expect(bad.standardError.contains("unknown attention 'bogus': use one of dot, general, concat, additive"))
    }

    @Test func renderShowsTheCompilersNotesAndWarnings() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "```swift\nlet always = 1 is Int\nlet loss = 1.0\n```\n\n```swift\nlet loss = 2.0\n```\n"
            .write(toFile: folder + "/notes.md", atomically: true, encoding: .utf8)
        let result = try NotebookBinary.run(["render", folder + "/notes.md", "--no-cache"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("notes.md:7:5: error"), "\(result.standardError)")
        #expect(result.standardError.contains("notes.md:3:5: note:"), "the first declaration, as check shows it")
        #expect(result.standardError.contains("notes.md:2:"), "\(result.standardError)")
        #expect(result.standardError.contains("warning: 'is' test is always true"), "\(result.standardError)")
    }

    @Test func cachedRunSaysItsTimeIsTheOriginalRuns() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "```swift\nprint(1)\n```\n".write(toFile: folder + "/notes.md", atomically: true, encoding: .utf8)
        let cache = ["--cache-dir", folder + "/cache"]
        let first = try NotebookBinary.run(["render", folder + "/notes.md"] + cache)
        #expect(first.status == 0, "\(first.standardError)")
        let second = try NotebookBinary.run(["render", folder + "/notes.md"] + cache)
        #expect(second.status == 0, "\(second.standardError)")
        let report = try String(contentsOfFile: folder + "/notes.html", encoding: .utf8)
        #expect(report.contains("cached run, originally total"))
    }
}
