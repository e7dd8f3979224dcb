import Foundation
import NotebookTestSupport
import Testing

/// A report that says "ok" must be true: the notebook process runs the user's code, which can
/// forge the runner's records or end early. Each case runs through the built binary.
@Suite(.serialized) struct TruthfulStatusTests {
    /// A cell that writes a framed record with the run's nonce (what a hostile cell can do).
    static func forging(_ record: String) -> String {
        """
        ```swift
        let framing = RecordFraming(nonce: ProcessInfo.processInfo.environment[RecordFraming.nonceVariable] ?? "")
        FileHandle.standardOutput.write(Data(framing.encode(\(record))))
        print("forged")
        ```
        """
    }

    static func render(_ markdown: String, arguments: [String] = []) throws -> (NotebookBinary.Result, String) {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try NotebookBinary.write(markdown, to: folder + "/n.md")
        let result = try NotebookBinary.run(["render", "n.md", "--no-cache"] + arguments, in: folder)
        let html = (try? String(contentsOfFile: folder + "/n.html", encoding: .utf8)) ?? ""
        return (result, html)
    }

    @Test(arguments: [
        (".cellStarted(index: 9)", "which the program does not have"),
        (".cellStarted(index: -1)", "which the program does not have"),
        (".cellStarted(index: 0)", "while cell 0 had not ended"),
        (".cellStarted(index: 2)", "while cell 0 had not ended"),
        (".cellFinished(index: 1, seconds: .nan)", "which was not running"),
        (".cellFinished(index: Int.max, seconds: 1)", "which the program does not have"),
        (".cellFailed(index: 0, seconds: -1, message: \"fake\")", "has no 'error: true' option"),
    ])
    func forgedRecordsAreIgnoredAndFlagged(record: String, problem: String) throws {
        let (result, html) = try Self.render(
            "# Forged\n\n" + Self.forging(record)
                + "\n\n```swift\nprint(\"second\")\n```\n\n```swift\nprint(\"third\")\n```\n")
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("n.md:4: error: invalid record"), "\(result.standardError)")
        #expect(result.standardError.contains(problem), "\(result.standardError)")
        #expect(html.contains("second") && html.contains("third"), "later cells still ran")
    }

    @Test func aForgedEndFollowedByAnExitIsNotASuccess() throws {
        // The cell claims to have finished, then the process leaves before the next cell.
        let (result, _) = try Self.render(
            "# Early exit\n\n" + Self.forging(".cellFinished(index: 0, seconds: 1e308)")
                + "\n\n```swift\nexit(0)\n```\n\n```swift\nprint(\"never\")\n```\n")
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("exited with status 0"), "\(result.standardError)")
    }

    @Test func theLastCellForgingItsEndAndExitingIsNotASuccess() throws {
        let (result, _) = try Self.render(
            "# Last\n\n```swift\nprint(1)\n```\n\n"
                + Self.forging(".cellFinished(index: 1, seconds: 0)").replacingOccurrences(
                    of: "print(\"forged\")", with: "exit(3)")
                + "\n")
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("exited with status 3"), "\(result.standardError)")
    }

    @Test func aTinyTimeoutIsAFailureWithAReason() throws {
        // The cell outlasts the limit on any machine: a fast one finishes `print(1)` within 0.1 s.
        let (result, _) = try Self.render(
            "# Slow start\n\n```swift\nThread.sleep(forTimeInterval: 5)\nprint(1)\n```\n",
            arguments: ["--timeout", "0.1"])
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("timeout"), "\(result.standardError)")
    }

    /// A compiler that does not finish (a type-checking bomb does this to swiftc) is stopped at
    /// the notebook's time limit; the run fails with the reason and no cell runs.
    @Test func aCompilerThatDoesNotFinishIsStoppedAtTheTimeLimit() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let compiler = folder + "/swiftc"
        try NotebookBinary.writeExecutable(
            "#!/bin/sh\necho $$ > '\(folder)/compiler.pid'\nexec sleep 300\n", to: compiler)
        try NotebookBinary.write("# Slow compile\n\n```swift\nprint(\"ran\")\n```\n", to: folder + "/n.md")
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFTC"] = compiler
        environment["NOTEBOOK_RUNTIME_DIR"] = NotebookBinary.folder
        let result = try NotebookBinary.run(
            ["render", "n.md", "--no-cache", "--timeout", "2"], in: folder, environment: environment)
        #expect(result.status == 1, "\(result.standardError)")
        #expect(
            result.standardError.contains(
                "n.md:3: error: timeout: compiling the notebook ran past its time limit of 2 s"),
            "\(result.standardError)")
        #expect(result.seconds < 60, "stopped at the limit, not when the compiler gave up")
        let pid = try #require(NotebookBinary.waitForPID(in: folder + "/compiler.pid", seconds: 1))
        #expect(NotebookBinary.waitForDeath(of: pid), "the compiler is stopped with the run")
        let html = try String(contentsOfFile: folder + "/n.html", encoding: .utf8)
        #expect(html.contains("1 cell failed") && !html.contains("all cells ok"))
        #expect(!html.contains(">ran"))
    }

    @Test func crashingExpectedFailuresReplayAtMostOncePerCell() throws {
        var markdown = "# Replays\n\n"
        for index in 0..<4 {
            markdown +=
                "```swift\n//| error: true\nprint(\"cell \(index)\")\nlet xs\(index) = [Int]()\nprint(xs\(index)[1])\n```\n\n"
        }
        markdown += "```swift\nprint(\"end\")\n```\n"
        let (result, html) = try Self.render(markdown)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(html.contains("end"))
        #expect(result.seconds < 120)
    }
}
