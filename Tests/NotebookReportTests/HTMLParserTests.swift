import Foundation
import NotebookDocument
import NotebookReport
import Testing

/// Parses the sample report with a real HTML parser (Python's `html.parser`), when python3 is
/// installed: one script (ours, allowed by the page's policy by its hash), no handler attributes,
/// no script URLs, every attribute well-formed.
@Suite struct HTMLParserTests {
    static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3", "/root/.pyenv/shims/python3"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static let checker = #"""
        import sys, html.parser, hashlib, base64, re
        source = sys.stdin.read()
        problems = []
        class Checker(html.parser.HTMLParser):
            def __init__(self):
                super().__init__(convert_charrefs=True)
                self.scripts = []
                self.in_script = False
            def handle_starttag(self, tag, attrs):
                if tag == "script":
                    self.in_script = True
                    self.scripts.append("")
                for name, value in attrs:
                    if name.startswith("on"):
                        problems.append("handler %s on <%s>" % (name, tag))
                    if name in ("href", "src", "action", "formaction") and value:
                        v = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                        if v.startswith(("javascript:", "vbscript:", "data:text")):
                            problems.append("script URL in %s" % name)
                    if name == "style":
                        problems.append("style attribute on <%s>" % tag)
                if tag in ("iframe", "object", "embed", "form", "base", "meta") and tag != "meta":
                    problems.append("<%s>" % tag)
            def handle_endtag(self, tag):
                if tag == "script":
                    self.in_script = False
            def handle_data(self, data):
                if self.in_script:
                    self.scripts[-1] += data
        checker = Checker()
        checker.feed(source)
        checker.close()
        if len(checker.scripts) != 1:
            problems.append("%d scripts" % len(checker.scripts))
        else:
            digest = base64.b64encode(hashlib.sha256(checker.scripts[0].encode()).digest()).decode()
            if ("'sha256-%s'" % digest) not in source:
                problems.append("the script's hash is not in the Content-Security-Policy")
        print("\n".join(problems) if problems else "OK")
        """#

    @Test(.enabled(if: python != nil, "python3 is not installed"))
    func sampleReportParsesCleanly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("figures"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try SampleReport.png.write(to: folder.appendingPathComponent("figures/diagram.png"))
        var notebook = SampleReport.notebook
        notebook.blocks.insert(
            .prose(
                .init(
                    markdown:
                        #"<img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a> <script>alert(1)</script> <iframe src=x></iframe> <p style="x" onclick=y>z</p>"#,
                    startLine: 1)),
            at: 0)
        let options = ReportOptions(baseDirectory: folder.path, timeZone: TimeZone(identifier: "UTC")!)
        let html = ReportRenderer.render(notebook: notebook, run: SampleReport.run, options: options).html
        #expect(try run(Self.checker, input: html) == "OK")
        let index = IndexPage(options: options).render(entries: [
            ReportIndexEntry(
                title: "<script>x</script>", reportPath: "javascript:alert(1)", notebookPath: "a.md",
                failures: RunFailures(cells: 1), runDate: Fixtures.date, totalSeconds: 2, fromCache: false)
        ])
        #expect(try run(Self.checker, input: index) == "OK")
    }

    private func run(_ script: String, input: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python!)
        process.arguments = ["-c", script]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
