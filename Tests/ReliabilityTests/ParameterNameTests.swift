import Foundation
import NotebookTestSupport
import Testing

/// Names that reach generated Swift source: parameter names that are keywords or not
/// identifiers, and file names with control characters, are bad input (65) naming the line or
/// the file; they never reach the compiler.
@Suite(.serialized) struct ParameterNameTests {
    @Test(arguments: [
        "rethrows", "fallthrough", "Any", "_", "class", "\"a-b\"", "\"1x\"", "\"x y\"", "\"x\\u0000\"", "\"\"",
    ])
    func badParameterNamesAreInputErrorsNamingTheLine(name: String) throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try NotebookBinary.write(
            "---\nparams:\n  ok: 1\n  \(name): 2\n---\n# P\n\n```swift\nprint(1)\n```\n", to: folder + "/p.md")
        let result = try NotebookBinary.run(["render", "p.md", "--no-cache"], in: folder)
        #expect(result.status == 65, "\(name): \(result.standardError)")
        #expect(result.standardError.contains("p.md:4: error: parameter name"), "\(name): \(result.standardError)")
        #expect(!result.standardError.contains("compile error"))
    }

    @Test(arguments: ["bad\rname.md", "bad\nname.md", "esc\u{1B}[31m.md", "del\u{7F}.md"])
    func fileNamesWithControlCharactersAreInputErrors(name: String) throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try NotebookBinary.write("# T\n\n```swift\nprint(1)\n```\n", to: folder + "/" + name)
        let result = try NotebookBinary.run(["render", name, "--no-cache"], in: folder)
        #expect(result.status == 65, "\(result.standardError)")
        #expect(result.standardError.contains("control characters"), "\(result.standardError)")
        #expect(!result.standardError.contains("\u{1B}["), "the name is shown escaped")
    }
}
