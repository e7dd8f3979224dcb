import Foundation
import NotebookTestSupport
import Testing

/// Infinite recursion through the built binary: the cell fails as a stack overflow at its line
/// (not as out of memory, not as a generic crash), with or without a memory limit, and the
/// cells before it keep their outputs.
@Suite(.serialized) struct StackOverflowTests {
    static let notebook = """
        # Recursion

        ```swift
        print("before the recursion")
        ```

        ```swift
        func depth(_ n: Int) -> Int { n < 0 ? 0 : 1 + depth(n + 1) }
        print(depth(0))
        ```

        ```swift
        print("never printed")
        ```
        """

    @Test(arguments: [[], ["--memory-limit", "1024"]])
    func infiniteRecursionIsAStackOverflow(limits: [String]) throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try NotebookBinary.write(Self.notebook, to: folder + "/n.md")
        let result = try NotebookBinary.run(["render", "n.md", "--no-cache"] + limits, in: folder)
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("n.md:8:"), "\(result.standardError)")
        #expect(result.standardError.contains("error: stack overflow: "), "\(result.standardError)")
        #expect(!result.standardError.contains("memory"), "\(result.standardError)")
        let report = try String(contentsOfFile: folder + "/n.html", encoding: .utf8)
        #expect(report.contains("before the recursion"))
        #expect(report.contains("stack overflow"))
    }
}
