import Foundation
import NotebookDocument
import NotebookExecution
import NotebookReport
import NotebookTestSupport
import Testing

/// Bad input, end to end through the `notebook` binary: a clear error naming the file (and
/// line), the documented exit status, no crash, and no report (partial or otherwise) written.
@Suite(.serialized) struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "empty", bytes: [], message: "bad.md: error: is empty"),
        Case(name: "blank", bytes: Array(" \n\n\t\n".utf8), message: "bad.md: error: is empty"),
        Case(
            name: "binary", bytes: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00],
            message: "bad.md:1: error: holds a NUL byte"),
        Case(
            name: "latin-1", bytes: Array("# Caf".utf8) + [0xE9] + Array("\n".utf8),
            message: "bad.md:1: error: is not valid UTF-8"),
        Case(
            name: "invalid UTF-8 on line 3", bytes: Array("# T\n\nok ".utf8) + [0xFF, 0xFE] + [0x0A],
            message: "bad.md:3: error: is not valid UTF-8"),
        Case(
            name: "unterminated fence", bytes: Array("# T\n\n```swift\nprint(1)\n".utf8),
            message: "bad.md:3: error: code fence opened here is never closed"),
        Case(
            name: "unterminated tilde fence", bytes: Array("# T\n\n~~~~swift\nprint(1)\n~~~\n".utf8),
            message: "bad.md:3: error: code fence opened here is never closed"),
        Case(
            name: "malformed front matter", bytes: Array("---\ntitle: [unclosed\n---\n# T\n".utf8),
            message: "bad.md:3: error: malformed front matter"),
        Case(
            name: "unclosed front matter", bytes: Array("---\ntitle: T\n# T\n".utf8),
            message: "bad.md:1: error: front matter opened here is never closed"),
        Case(
            name: "front matter not a mapping", bytes: Array("---\n- a\n- b\n---\n# T\n".utf8),
            message: "bad.md:2: error: front matter must be a YAML mapping"),
        Case(
            name: "deeply nested front matter",
            bytes: Array(("---\ntitle: " + String(repeating: "[", count: 100_000) + "\n---\n# T\n").utf8),
            message: "bad.md:2: error: malformed front matter"),
        Case(
            name: "unknown front matter key", bytes: Array("---\ncolour: red\n---\n# T\n".utf8),
            message: "bad.md:2: error: unknown front matter key 'colour'"),
        Case(
            name: "bad timeout", bytes: Array("---\ntimeout: -3\n---\n# T\n".utf8),
            message: "bad.md:2: error: front matter 'timeout' must be a positive number"),
        Case(
            name: "bad parameter name", bytes: Array("---\nparams:\n  1abc: 3\n---\n# T\n".utf8),
            message: "bad.md:3: error: parameter name '1abc' is not a Swift identifier"),
        Case(
            name: "unknown option line", bytes: Array("# T\n\n```swift\n//| colour: red\nprint(1)\n```\n".utf8),
            message: "bad.md:4: error: unknown cell option 'colour'"),
        Case(
            name: "option without value",
            bytes: Array("# T\n\n```swift\nprint(0)\n```\n\n```swift\n//| echo\nprint(1)\n```\n".utf8),
            message: "bad.md:8: error: cell option 'echo' has no value"),
        Case(
            name: "unterminated output region",
            bytes: Array(
                "# T\n\n```swift\nprint(1)\n```\n\n<!-- notebook:output -->\n```text\n1\n```\n\n```swift\nprint(2)\n```\n"
                    .utf8), message: "bad.md:7: error: output region opened here is never closed"),
        Case(
            name: "bad option value", bytes: Array("# T\n\n```swift timeout=soon\nprint(1)\n```\n".utf8),
            message: "bad.md:3: error: cell option 'timeout' must be a positive number"),
    ]

    @Test(arguments: cases)
    func badNotebookExits65WithItsLineAndWritesNothing(_ badCase: Case) throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        FileManager.default.createFile(atPath: folder + "/bad.md", contents: Data(badCase.bytes))
        let result = try NotebookBinary.run(["render", "bad.md", "--no-cache"], in: folder)
        #expect(result.status == 65, "\(result.standardError)")
        #expect(result.standardError.contains(badCase.message), "\(result.standardError)")
        #expect(!result.standardError.contains("Fatal error"), "\(result.standardError)")
        #expect(!result.standardError.contains("Program crashed"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/bad.html"))
        #expect(NotebookBinary.leftoverTemporaryFiles(in: folder).isEmpty)
        // `check` reports the same problem with the same status.
        let check = try NotebookBinary.run(["check", "bad.md"], in: folder)
        #expect(check.status == 65)
        #expect(check.standardError.contains(badCase.message), "\(check.standardError)")
    }

    @Test func oneBadNotebookInAFolderDoesNotStopTheOthers() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try NotebookBinary.write("# Good\n\nNo code.\n", to: folder + "/notes/good.md")
        FileManager.default.createFile(atPath: folder + "/notes/bad.md", contents: Data([0xFF, 0x0A]))
        let result = try NotebookBinary.run(["render", "notes", "--out", "reports", "--no-cache"], in: folder)
        #expect(result.status == 65)
        #expect(result.standardError.contains("notes/bad.md:1: error: is not valid UTF-8"), "\(result.standardError)")
        #expect(FileManager.default.fileExists(atPath: folder + "/reports/good.html"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/reports/bad.html"))
        let index = try String(contentsOfFile: folder + "/reports/index.html", encoding: .utf8)
        #expect(index.contains("good.html"))
        #expect(!index.contains("bad.html"))
    }

    @Test func loneCarriageReturnsEndLines() throws {
        // Regression: cmark ends lines at a lone "\r"; the parser used to index past its lines and crash.
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try NotebookBinary.write("# Old Mac\r\r```swift\r//| label: mac\rprint(\"cr\")\r```\r", to: folder + "/cr.md")
        let result = try NotebookBinary.run(["render", "cr.md", "--no-cache"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let notebook = try NotebookParser.parse(fileAt: folder + "/cr.md")
        #expect(notebook.codeCells.first?.sourceLine == 5)
        #expect(notebook.codeCells.first?.source == "print(\"cr\")")
        let html = try String(contentsOfFile: folder + "/cr.html", encoding: .utf8)
        #expect(html.contains(">cr"))
    }

    @Test func usageErrorsExit64() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try NotebookBinary.write(
            "---\nparams:\n  epochs: 3\n---\n\n```swift\nprint(epochs)\n```\n", to: folder + "/p.md")
        let unknown = try NotebookBinary.run(["render", "p.md", "-p", "rate=0.1", "--no-cache"], in: folder)
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("unknown parameter 'rate'"), "\(unknown.standardError)")
        let wrongType = try NotebookBinary.run(["render", "p.md", "-p", "epochs=many", "--no-cache"], in: folder)
        #expect(wrongType.status == 64, "\(wrongType.standardError)")
        #expect(wrongType.standardError.contains("epochs"))
        for arguments in [
            ["render", "p.md", "--jobs", "0"], ["render", "p.md", "--timeout", "-1"],
            ["render", "p.md", "--memory-limit", "1"], ["render"], ["frobnicate"],
        ] {
            let result = try NotebookBinary.run(arguments, in: folder)
            #expect(result.status == 64, "\(arguments): \(result.standardError)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/p.html"))
    }

    @Test func missingPathsAndFoldersExit65() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let missing = try NotebookBinary.run(["render", "nowhere/notes.md"], in: folder)
        #expect(missing.status == 65)
        #expect(missing.standardError.contains("nowhere/notes.md: error: no such file"), "\(missing.standardError)")
        try FileManager.default.createDirectory(atPath: folder + "/empty", withIntermediateDirectories: true)
        let empty = try NotebookBinary.run(["render", "empty"], in: folder)
        #expect(empty.status == 65 || empty.status == 0, "\(empty.standardError)")
        #expect(!empty.standardError.contains("Fatal error"))
    }

    @Test func unwritableOutputExits73AndLeavesNoTemporaryFiles() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer {
            chmod(folder + "/locked", 0o755)
            try? FileManager.default.removeItem(atPath: folder)
        }
        try NotebookBinary.write("# T\n\nJust prose.\n", to: folder + "/n.md")
        try FileManager.default.createDirectory(atPath: folder + "/locked", withIntermediateDirectories: true)
        chmod(folder + "/locked", 0o555)
        // Root ignores permissions: then only the path through a file is unwritable.
        let lockedWorks = getuid() != 0
        if lockedWorks {
            let result = try NotebookBinary.run(["render", "n.md", "--out", "locked", "--no-cache"], in: folder)
            #expect(result.status == 73, "\(result.standardError)")
            #expect(result.standardError.contains("locked/n.html: error: cannot write"), "\(result.standardError)")
            #expect(NotebookBinary.leftoverTemporaryFiles(in: folder).isEmpty)
        }
        try "x".write(toFile: folder + "/file", atomically: true, encoding: .utf8)
        let throughFile = try NotebookBinary.run(["render", "n.md", "--out", "file/reports", "--no-cache"], in: folder)
        #expect(throughFile.status == 73, "\(throughFile.standardError)")
        #expect(
            throughFile.standardError.contains("file/reports/n.html: error: cannot write"),
            "\(throughFile.standardError)")
        #expect(NotebookBinary.leftoverTemporaryFiles(in: folder).isEmpty)
    }

    /// A 10 MB notebook (about 4,000 sections of prose, lists, math and code blocks, a few
    /// runnable cells) parses and renders in seconds and bounded memory.
    @Test func tenMegabyteNotebookParsesAndRendersQuickly() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var text = "---\ntitle: Big\n---\n# Big notebook\n\n"
        var section = 0
        while text.utf8.count < 10 << 20 {
            text +=
                "## Section \(section)\n\nSome *prose* with `code`, a [link](https://example.com/\(section)) and math $x_{\(section)}^2 + \\alpha$.\n\n- item one\n- item **two** <b>bold</b>\n\n"
            text += String(repeating: "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", count: 40) + "\n\n"
            if section % 1000 == 0 {
                text += "```swift\nlet v\(section) = \(section)\nprint(v\(section))\n```\n\n"
            } else if section % 3 == 0 {
                text += "```swift\n//| eval: false\nlet skipped\(section) = [1, 2, 3].map { $0 * \(section) }\n```\n\n"
            } else {
                text +=
                    "```python\n" + (0..<20).map { "x_\($0) = \($0) * \(section)" }.joined(separator: "\n")
                    + "\n```\n\n"
            }
            section += 1
        }
        try NotebookBinary.write(text, to: folder + "/big.md")

        let parseStart = Date()
        let notebook = try NotebookParser.parse(fileAt: folder + "/big.md")
        let parseSeconds = Date().timeIntervalSince(parseStart)
        #expect(notebook.codeCells.count == section)
        let run = NotebookRun(
            notebookPath: notebook.path, startedAt: Date(), totalSeconds: 0, compileSeconds: 0,
            cells: notebook.codeCells.map { CellRun(ordinal: $0.ordinal, status: .skipped) }, parameters: [])
        let renderStart = Date()
        let html = ReportRenderer.render(notebook: notebook, run: run, options: ReportOptions()).html
        let renderSeconds = Date().timeIntervalSince(renderStart)
        print(
            "10 MB notebook: \(notebook.codeCells.count) code blocks; parse \(String(format: "%.2f", parseSeconds)) s, render \(String(format: "%.2f", renderSeconds)) s, report \(html.utf8.count >> 20) MB"
        )
        #expect(parseSeconds < 15)
        #expect(renderSeconds < 30)

        let result = try NotebookBinary.run(["render", "big.md", "--no-cache"], in: folder)
        print(
            "10 MB notebook through the CLI: \(String(format: "%.1f", result.seconds)) s, runner peak RSS \(result.peakResidentBytes >> 20) MB"
        )
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.seconds < 90)
        #expect(result.peakResidentBytes < 1 << 30)
    }
}
