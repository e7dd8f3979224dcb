import Foundation
import NotebookTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// `notebook serve` on an ephemeral port, queried with curl, a real HTTP client.
@Suite struct ServeTests {
    @Test func servesReportsReloadsOnChangeAndRefusesTraversal() async throws {
        let folder = FileManager.default.temporaryDirectory.path + "/notebook-serve-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/notes/sub", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "secret".write(toFile: folder + "/secret.html", atomically: true, encoding: .utf8)
        try Self.notebook(printing: "first version").write(
            toFile: folder + "/notes/ok.md", atomically: true, encoding: .utf8)
        try "# Broken\n\n```swift <b>=1\nprint(1)\n```\n".write(
            toFile: folder + "/notes/sub/broken.md", atomically: true, encoding: .utf8)

        let server = try Server(arguments: [
            "serve", folder + "/notes", "--port", "0", "--cache-dir", folder + "/cache", "-q",
        ])
        defer { server.stop() }
        let base = try await server.address()

        let index = try await get(base + "/")
        #expect(index.status == 200)
        #expect(index.body.contains("href=\"./ok.html\""))
        #expect(index.body.contains("href=\"./sub/broken.html\""))
        #expect(index.body.contains("cannot render"))

        let report = try await get(base + "/ok.html")
        #expect(report.status == 200)
        #expect(report.body.contains("first version"))
        #expect(report.body.contains("<meta name=\"notebook-version\" content=\"1\">"))
        try Self.checkScriptHash(report.body)
        #expect(try await get(base + "/__version?path=/ok.html").body == "1")

        try Self.notebook(printing: "second version").write(
            toFile: folder + "/notes/ok.md", atomically: true, encoding: .utf8)
        // The page may first show the edited cell marked stale (version 2), then its new output (3).
        let edited = try await settledPage(base, "/ok.html", after: 1)
        #expect(edited.version > 1, "the page's version did not change after the edit")
        #expect(edited.body.contains("second version"))
        #expect(!edited.body.contains("first version"))

        let broken = try await get(base + "/sub/broken.html")
        #expect(broken.status == 200)
        #expect(broken.body.contains("unknown cell option &#39;&lt;b&gt;&#39;"))
        #expect(!broken.body.contains("'<b>'"))
        #expect(broken.body.contains("notebook-version"), "the error page reloads once fixed")

        // A failed inline expression fails the page as a failed cell does, in the index too.
        try "# Inline\n\n```swift\nlet a = 1\n```\n\nThe value is `{swift} missingName`.\n".write(
            toFile: folder + "/notes/inline.md", atomically: true, encoding: .utf8)
        let inline = try await get(base + "/inline.html")
        #expect(inline.body.contains("1 inline expression failed"), "\(inline.body)")
        #expect(!inline.body.contains("all cells ok"))
        #expect(try await get(base + "/").body.contains("failed: 1 inline expression"))

        for path in [
            "/%2e%2e/secret.html", "/sub/%2e%2e/%2e%2e/secret.html", "/..%2fsecret.html", "/%2E%2E%5Csecret.html",
        ] {
            let refused = try await get(base + path)
            #expect(refused.status == 403, "\(path)")
            #expect(!refused.body.contains("secret\n") && refused.body != "secret")
        }
        #expect(try await get(base + "/missing.html").status == 404)
        #expect(try await get(base + "/__version?path=/missing.html").status == 404)
    }

    /// Cells run one at a time in the notebook's session: editing a later cell runs it alone, from
    /// the state the cells above left; "re-run from here" (`POST /__rerun`) runs again from a cell.
    @Test func editsRerunOnlyTheEditedCellAndRerunFromACellRunsItAgain() async throws {
        let folder = FileManager.default.temporaryDirectory.path + "/notebook-serve-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func write(_ edit: Int) throws {
            try """
            # Incremental

            ```swift
            let log = URL(fileURLWithPath: "appended.txt")
            let previous = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            try (previous + "ran\\n").write(to: log, atomically: true, encoding: .utf8)
            ```

            ```swift
            print("edit \(edit) after", previous.count, "bytes")
            ```
            """.write(toFile: folder + "/inc.md", atomically: true, encoding: .utf8)
        }
        func appendedLines() -> Int {
            ((try? String(contentsOfFile: folder + "/appended.txt", encoding: .utf8)) ?? "").split(separator: "\n")
                .count
        }
        try write(0)
        let server = try Server(arguments: ["serve", folder, "--port", "0", "-q"])
        defer { server.stop() }
        let base = try await server.address()
        let page = try await get(base + "/inc.html")
        #expect(page.body.contains("edit 0 after 0 bytes"))
        var version = 1
        for edit in 1...3 {
            try await Task.sleep(for: .milliseconds(1100))  // a new modification time
            try write(edit)
            let settled = try await settledPage(base, "/inc.html", after: version)
            version = settled.version
            #expect(
                settled.body.contains("edit \(edit) after 0 bytes"),
                "edit \(edit) ran from the state after the first cell")
        }
        #expect(appendedLines() == 1, "the first cell ran once although the second was edited three times")

        let rerun = try await post(base + "/__rerun?path=/inc.html&cell=cell-3")
        #expect(rerun == 202)
        let settled = try await settledPage(base, "/inc.html", after: version)
        #expect(settled.body.contains("edit 3 after 4 bytes"), "the first cell ran again, then the second")
        #expect(appendedLines() == 2)
        #expect(try await post(base + "/__rerun?path=/missing.html&cell=cell-3") == 404)
    }

    /// The page at `path` once its version is past `version` and no cell is marked stale.
    func settledPage(_ base: String, _ path: String, after version: Int) async throws -> (version: Int, body: String) {
        for _ in 0..<480 {
            let current = Int(try await get(base + "/__version?path=" + path).body) ?? 0
            if current > version {
                let page = try await get(base + path)
                if !page.body.contains("stale: ") { return (current, page.body) }
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        Issue.record("\(path) did not settle on a version after \(version)")
        return (version, "")
    }

    /// POST with curl; the status code.
    func post(_ address: String) async throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "curl", "--silent", "--max-time", "60", "--output", "/dev/null", "--write-out", "%{http_code}", "-X",
            "POST", address,
        ]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        let status = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Int(String(decoding: status, as: UTF8.self)) ?? 0
    }

    static func notebook(printing text: String) -> String {
        "# Served\n\n```swift\nprint(\"\(text)\")\n```\n"
    }

    /// The served reload script must be allowed by the page's policy: its SHA-256 is in script-src.
    static func checkScriptHash(_ page: String) throws {
        let marker = try #require(page.range(of: "document.querySelector('meta[name=\"notebook-version\"]')"))
        let start = try #require(
            page.range(of: "<script>", options: .backwards, range: page.startIndex..<marker.lowerBound))
        let script = page[page.index(start.lowerBound, offsetBy: "<script>".count)...]
        let end = try #require(script.range(of: "</script>"))
        let source = String(script[..<end.lowerBound])
        let hash = try python(
            "import sys, hashlib, base64; print(base64.b64encode(hashlib.sha256(sys.stdin.buffer.read()).digest()).decode())",
            input: source)
        #expect(page.contains("script-src 'sha256-\(hash)'"), "CSP lacks the reload script's hash \(hash)")
        #expect(page.contains("connect-src 'self'"))
    }

    static func python(_ script: String, input: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// GET with curl (a real HTTP client with a hard time limit: a stuck request fails the test
    /// instead of hanging the suite).
    func get(_ address: String) async throws -> (status: Int, body: String) {
        let body = FileManager.default.temporaryDirectory.path + "/notebook-serve-body-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: body) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "curl", "--silent", "--path-as-is", "--max-time", "60", "--output", body, "--write-out", "%{http_code}",
            address,
        ]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        let status = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = (try? String(contentsOfFile: body, encoding: .utf8)) ?? ""
        return (Int(String(decoding: status, as: UTF8.self)) ?? 0, text)
    }
}

/// The `notebook serve` process, and the address it prints once listening.
final class Server: @unchecked Sendable {
    private let process = Process()
    private let output: String

    /// Starts `notebook ARGUMENTS` with `environment` added to the test's own.
    init(arguments: [String], environment: [String: String] = [:]) throws {
        output = FileManager.default.temporaryDirectory.path + "/notebook-serve-\(UUID().uuidString).out"
        FileManager.default.createFile(atPath: output, contents: nil)
        process.executableURL = URL(fileURLWithPath: NotebookBinary.path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// `http://127.0.0.1:PORT`, once the server says it listens (within 60 s).
    func address() async throws -> String {
        for _ in 0..<600 {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("serving http://") }) {
                return String(line.dropFirst("serving ".count).dropLast())
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ServerError(
            description: "the server did not start: \((try? String(contentsOfFile: output, encoding: .utf8)) ?? "")")
    }

    /// Sends `signal` and waits up to `waitingSeconds` for the server to exit: its exit status
    /// (128 + n when a signal ended it), or nil if it is still running.
    func signal(_ signal: Int32, waitingSeconds: Double) -> Int32? {
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(waitingSeconds)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        guard !process.isRunning else { return nil }
        return process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus : process.terminationStatus
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: output)
    }

    struct ServerError: Error, CustomStringConvertible {
        var description: String
    }
}
