import Foundation
import NotebookTestSupport
import Testing

/// The Swift in the README and the cheat sheet is compiled by the real runner, so the examples a
/// user copies cannot rot.
@Suite struct DocumentationExampleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every ```` ```markdown ```` example notebook in README.md compiles (`notebook check`).
    @Test func readmeExampleNotebooksCompile() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let examples = DocumentationBlocks(readme).blocks(fence: "````", language: "markdown")
        #expect(!examples.isEmpty, "README.md has no example notebook")
        for example in examples where example.text.contains("```swift") {
            try Self.expectCompiles(
                example.text, name: "readme-example-\(example.line).md", from: "README.md", line: example.line)
        }
    }

    /// The README's own ```` ```swift ```` blocks, in order, compile as one notebook.
    @Test func readmeSwiftBlocksCompile() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let blocks = DocumentationBlocks(readme).blocks(fence: "```", language: "swift")
        guard !blocks.isEmpty else { return }
        let notebook = blocks.map { "```swift\n\($0.text)```\n" }.joined(separator: "\n")
        try Self.expectCompiles(notebook, name: "readme-swift.md", from: "README.md", line: blocks[0].line)
    }

    /// The cheat sheet is itself a notebook: it renders, and every cell runs.
    @Test func cheatSheetRuns() throws {
        let sheet = Self.root.appendingPathComponent("docs/cheatsheet.md").path
        let out = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try NotebookBinary.run(["render", sheet, "--out", out, "--no-cache", "--quiet"])
        #expect(result.status == 0, "docs/cheatsheet.md does not run:\n\(result.standardError)")
        #expect(FileManager.default.fileExists(atPath: out + "/cheatsheet.html"))
    }

    static func expectCompiles(_ notebook: String, name: String, from source: String, line: Int) throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try notebook.write(toFile: "\(folder)/\(name)", atomically: true, encoding: .utf8)
        let result = try NotebookBinary.run(["check", "\(folder)/\(name)"])
        #expect(
            result.status == 0,
            "the example at \(source):\(line) does not compile:\n\(result.standardError)\(result.standardOutput)")
    }
}

/// Fenced blocks of a Markdown file found line by line (the documentation's own fences are
/// simple: an opening line of backticks plus a language, a closing line of the same backticks).
struct DocumentationBlocks {
    struct Block {
        /// The first line of the fence (1-based).
        var line: Int
        /// The block's contents, each line ending in a newline.
        var text: String
    }

    let lines: [Substring]

    init(_ text: String) { lines = text.split(separator: "\n", omittingEmptySubsequences: false) }

    /// The blocks opened by exactly `fence` + `language` at the top level (not inside a longer fence).
    func blocks(fence: String, language: String) -> [Block] {
        var result: [Block] = []
        var open: (fence: String, start: Int, body: [Substring], wanted: Bool)?
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let current = open {
                if trimmed == current.fence {
                    if current.wanted {
                        result.append(Block(line: current.start, text: current.body.map { "\($0)\n" }.joined()))
                    }
                    open = nil
                } else {
                    open?.body.append(line)
                }
                continue
            }
            guard trimmed.hasPrefix("```") else { continue }
            let ticks = String(trimmed.prefix { $0 == "`" })
            let info = trimmed.dropFirst(ticks.count).trimmingCharacters(in: .whitespaces)
            let lang = info.split(separator: " ").first.map(String.init) ?? ""
            open = (ticks, index + 1, [], ticks == fence && lang == language)
        }
        return result
    }
}
