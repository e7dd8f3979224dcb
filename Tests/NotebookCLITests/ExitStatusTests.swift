import Foundation
import NotebookTestSupport
import Testing

/// One table of exit statuses: every command's `--help` shows it, and each kind of failure exits
/// with its code and says so once (`error:` never twice).
@Suite struct ExitStatusTests {
    static let table = [
        "0 ok", "1 a cell failed", "64 usage error", "65 bad input", "69 a required tool is missing",
        "70 internal error", "73 cannot write",
    ]

    @Test(arguments: [
        ["--help"], ["render", "--help"], ["check", "--help"], ["export", "--help"], ["import", "--help"],
        ["serve", "--help"],
    ])
    func everyHelpShowsTheTable(arguments: [String]) throws {
        let result = try NotebookBinary.run(arguments)
        #expect(result.status == 0)
        // Help text is wrapped at the terminal width: compare with the whitespace folded.
        let help = result.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for row in Self.table {
            #expect(help.contains(row), "\(arguments) --help lacks '\(row)'")
        }
    }

    @Test func missingCompilerExits69() throws {
        let notebook = CLITests.fixtures.appendingPathComponent("failures/01-ok.md").path
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = "/nonexistent"
        environment["SWIFTC"] = nil
        let out = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        for arguments in [["render", notebook, "--out", out], ["check", notebook]] {
            let result = try NotebookBinary.run(arguments, environment: environment)
            #expect(result.status == 69, "\(arguments): \(result.standardError)")
            #expect(result.standardError.contains("error: cannot find the Swift compiler 'swiftc'"))
            #expect(!result.standardError.contains("error: error:"))
        }
    }

    @Test func compilerThatCannotStartIsNotAWriteError() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let compiler = folder + "/swiftc"
        try NotebookBinary.writeExecutable("this is not a program\n", to: compiler)
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFTC"] = compiler
        let notebook = CLITests.fixtures.appendingPathComponent("failures/01-ok.md").path
        let result = try NotebookBinary.run(
            ["render", notebook, "--out", folder + "/out", "--no-cache"], environment: environment)
        #expect(result.status == 70, "\(result.standardError)")
        #expect(result.standardError.contains("cannot start \(compiler)"))
        #expect(!result.standardError.contains("error: error:"))
    }
}

/// `-p name=value` on a folder applies to the notebooks that declare `name` and warns for the rest.
@Suite struct FolderParameterTests {
    @Test func parameterAppliesWhereDeclaredAndWarnsElsewhere() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "---\nparams:\n  steps: 1\n---\n\n```swift\nprint(\"steps=\\(steps)\")\n```\n"
            .write(toFile: folder + "/declares.md", atomically: true, encoding: .utf8)
        try "# Plain\n\n```swift\nprint(\"plain\")\n```\n".write(
            toFile: folder + "/plain.md", atomically: true, encoding: .utf8)
        let result = try NotebookBinary.run(["render", folder, "-p", "steps=7", "--out", folder + "/out", "--no-cache"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("plain.md: warning: -p steps does not apply"))
        #expect(!result.standardError.contains("declares.md: warning"))
        #expect(try String(contentsOfFile: folder + "/out/declares.html", encoding: .utf8).contains("steps=7"))
        #expect(FileManager.default.fileExists(atPath: folder + "/out/plain.html"))
        // A single notebook named directly still fails on a parameter it does not declare.
        let direct = try NotebookBinary.run([
            "render", folder + "/plain.md", "-p", "steps=7", "--out", folder + "/out2", "--no-cache",
        ])
        #expect(direct.status == 64)
    }
}
