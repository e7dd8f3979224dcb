import Foundation
import NotebookTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `notebook serve` against hostile use: signals mid-render, links out of the folder, text that
/// looks like a policy, and HEAD requests. Through the built binary, queried with curl.
@Suite struct ServeHardeningTests {
    static func folder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.path + "/notebook-serve-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A signal stops the server at once, while a cell is running, and the cell's process with it.
    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalStopsTheServerMidRenderWithItsCells(signal: Int32) async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
        # Slow

        ```swift
        import Glibc
        try String(getpid()).write(toFile: "cell.pid", atomically: true, encoding: .utf8)
        sleep(120)
        ```
        """.write(toFile: folder + "/slow.md", atomically: true, encoding: .utf8)
        let server = try Server(arguments: ["serve", folder, "--port", "0", "-q"])
        defer { server.stop() }
        let base = try await server.address()
        let request = Task { try? await ServeTests().get(base + "/slow.html") }
        defer { request.cancel() }
        var cell: pid_t?
        for _ in 0..<600 where cell == nil {
            cell = (try? String(contentsOfFile: folder + "/cell.pid", encoding: .utf8)).flatMap { pid_t($0) }
            if cell == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let running = try #require(cell, "the cell never started")
        let signalled = Date()
        let status = try #require(server.signal(signal, waitingSeconds: 10), "the server did not stop within 10 s")
        #expect(Date().timeIntervalSince(signalled) < 5)
        #expect(status == 128 + signal)
        var cellGone = false
        for _ in 0..<100 where !cellGone {
            cellGone = !NotebookBinary.isAlive(running)
            if !cellGone { try await Task.sleep(for: .milliseconds(50)) }
        }
        if !cellGone { kill(running, SIGKILL) }
        #expect(cellGone, "the cell's process outlived the server")
    }

    /// A process a cell starts, which leaves everything behind (`setsid`, `env -i`), goes with
    /// the server however it ends, SIGKILL included: with the cgroup containment and with the
    /// /proc walk it falls back to.
    @Test(arguments: [SIGKILL, SIGTERM], [false, true])
    func anEscapedProcessGoesWithTheServer(signal: Int32, walkingProc: Bool) async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let marker = NotebookBinary.escapeeMarker()
        let flag = folder + "/escaped"
        try """
        # Escape

        ```swift
        \(NotebookBinary.escapeeCell(marker: marker, flagFile: flag))
        print("started")
        ```
        """.write(toFile: folder + "/escape.md", atomically: true, encoding: .utf8)
        let server = try Server(
            arguments: ["serve", folder, "--port", "0", "-q"],
            environment: walkingProc ? ["NOTEBOOK_CGROUPS": "off"] : [:])
        defer { server.stop() }
        let base = try await server.address()
        let request = Task { try? await ServeTests().get(base + "/escape.html") }
        defer { request.cancel() }
        for _ in 0..<1200 where !FileManager.default.fileExists(atPath: flag) {
            try await Task.sleep(for: .milliseconds(100))
        }
        try #require(FileManager.default.fileExists(atPath: flag), "the escapee never ran")
        _ = try #require(server.signal(signal, waitingSeconds: 10), "the server did not stop within 10 s")
        let survivors = NotebookBinary.survivors(withArgument: marker)
        #expect(
            survivors.isEmpty,
            "signal \(signal) (\(walkingProc ? "/proc walk" : "cgroup")): \(survivors) outlived the server")
    }

    /// `serve` holds its cells to `--memory-limit` as `render` does, and the page says which
    /// limit a greedy cell reached.
    @Test func theMemoryLimitHoldsForServedCells() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
        # Greedy

        ```swift
        print("before")
        ```

        ```swift
        var big = [UInt8](repeating: 1, count: 1 << 31)
        print(big.count)
        ```
        """.write(toFile: folder + "/greedy.md", atomically: true, encoding: .utf8)
        let server = try Server(arguments: ["serve", folder, "--port", "0", "-q", "--memory-limit", "256"])
        defer { server.stop() }
        let base = try await server.address()
        let page = try await ServeTests().get(base + "/greedy.html")
        #expect(page.status == 200)
        #expect(page.body.contains("before"))
        #expect(page.body.contains("memory limit of 256 MiB"), "\(page.body.suffix(3000))")
        #expect(page.body.contains("1 cell failed"))
    }

    /// A link inside the folder to a notebook outside it is not in the index, is not served,
    /// and never runs (the notebook would write a file if it ran).
    @Test func aLinkToANotebookOutsideIsNeitherListedNorRun() async throws {
        let folder = try Self.folder()
        let outside = try Self.folder()
        defer {
            try? FileManager.default.removeItem(atPath: folder)
            try? FileManager.default.removeItem(atPath: outside)
        }
        try """
        # Outside

        ```swift
        try "ran".write(toFile: "\(outside)/ran", atomically: true, encoding: .utf8)
        ```
        """.write(toFile: outside + "/secret.md", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/linked.md", withDestinationPath: outside + "/secret.md")
        try FileManager.default.createSymbolicLink(atPath: folder + "/linked-folder", withDestinationPath: outside)
        try ServeTests.notebook(printing: "inside").write(
            toFile: folder + "/inside.md", atomically: true, encoding: .utf8)
        let server = try Server(arguments: ["serve", folder, "--port", "0", "-q"])
        defer { server.stop() }
        let base = try await server.address()
        let index = try await ServeTests().get(base + "/")
        #expect(index.status == 200)
        #expect(index.body.contains("inside.html"))
        #expect(!index.body.contains("linked"), "the index lists a notebook outside the folder")
        #expect(!index.body.contains("secret"))
        for path in ["/linked.html", "/linked-folder/secret.html"] {
            #expect(try await ServeTests().get(base + path).status == 404, "\(path)")
        }
        #expect(!FileManager.default.fileExists(atPath: outside + "/ran"), "the notebook outside the folder ran")
    }

    /// Prose and output that read like a policy change nothing: the page has one policy, the
    /// one built from the scripts' hashes.
    @Test func thePolicyIsBuiltNotRewritten() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try #"""
        # Policy

        Prose that reads script-src 'unsafe-inline' * and connect-src *;
        <meta http-equiv="Content-Security-Policy" content="script-src *">

        ```swift
        print("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src *; script-src 'unsafe-inline'\">")
        print("script-src 'unsafe-inline' 'unsafe-eval' *")
        ```
        """#.write(toFile: folder + "/policy.md", atomically: true, encoding: .utf8)
        let server = try Server(arguments: ["serve", folder, "--port", "0", "-q"])
        defer { server.stop() }
        let base = try await server.address()
        let page = try await ServeTests().get(base + "/policy.html")
        #expect(page.status == 200)
        #expect(page.body.components(separatedBy: "http-equiv=\"Content-Security-Policy\"").count == 2, "one policy")
        let policy = try #require(page.body.range(of: #"http-equiv="Content-Security-Policy" content=""#))
        let value = page.body[policy.upperBound...].prefix { $0 != "\"" }
        #expect(!value.contains("*"), "\(value)")
        // Scripts only by hash: no 'unsafe-inline', no 'unsafe-eval', no host.
        let scriptSources = try #require(
            value.split(separator: ";").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("script-src ") })
        let sources = scriptSources.split(separator: " ").dropFirst()
        #expect(!sources.isEmpty && sources.allSatisfy { $0.hasPrefix("'sha256-") }, "\(scriptSources)")
        try ServeTests.checkScriptHash(page.body)
    }

    /// HEAD answers with GET's status and headers, and no body.
    @Test func headRequestsGetHeadersWithoutABody() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try ServeTests.notebook(printing: "headed").write(toFile: folder + "/ok.md", atomically: true, encoding: .utf8)
        let server = try Server(arguments: ["serve", folder, "--port", "0", "-q"])
        defer { server.stop() }
        let base = try await server.address()
        for (path, status) in [("/", 200), ("/ok.html", 200), ("/missing.html", 404), ("/%2e%2e/x.html", 403)] {
            let get = try await ServeTests().get(base + path)
            let head = try Self.head(base + path)
            #expect(head.status == status, "\(path)")
            #expect(head.bodyBytes == 0, "\(path)")
            #expect(head.headers.lowercased().contains("content-type: text/html"), "\(path): \(head.headers)")
            if path == "/ok.html" {
                #expect(head.headers.lowercased().contains("content-length: \(get.body.utf8.count)"), "\(head.headers)")
            }
        }
    }

    /// HEAD with curl: the status, the response headers, and how many body bytes came.
    static func head(_ address: String) throws -> (status: Int, headers: String, bodyBytes: Int) {
        let headers = FileManager.default.temporaryDirectory.path + "/notebook-serve-head-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: headers) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "curl", "--silent", "--path-as-is", "--head", "--max-time", "60", "--dump-header", headers, "--output",
            "/dev/null",
            "--write-out", "%{http_code} %{size_download}", address,
        ]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        let written = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let numbers = written.split(separator: " ").compactMap { Int($0) }
        return (
            numbers.first ?? 0, (try? String(contentsOfFile: headers, encoding: .utf8)) ?? "",
            numbers.count > 1 ? numbers[1] : -1
        )
    }
}
