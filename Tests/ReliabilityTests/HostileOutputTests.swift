import Foundation
import NotebookFuzzing
import NotebookTestSupport
import Testing

/// Cells that print or display hostile things, end to end: the report escapes everything,
/// stays valid HTML (checked by a real validator), truncates floods with a notice, and the
/// runner's memory stays bounded.
@Suite(.serialized) struct HostileOutputTests {
    static let hostileNotebook = #"""
        ---
        title: "<script>alert('title')</script>"
        ---
        # Hostile <img src=x onerror=alert(1)>

        Prose with <script>alert(1)</script>, <a href="javascript:alert(1)">a link</a>,
        <img src="x" onerror="alert(1)"> and a noncharacter: ￿.

        ```swift
        print("<script>alert(1)</script>")
        print("\"><img src=x onerror=alert(1)>")
        print("'><svg onload=alert(1)>")
        print("<a href=\"javascript:alert(1)\">x</a>")
        print("controls: \u{0}\u{7}\u{8}\u{1B}[31mred\u{7F}\u{85}\u{9F} bom\u{FEFF}")
        print("nonchars:", [0xFFFE, 0xFFFF, 0xFDD0, 0xFDEF, 0x1FFFF, 0x10FFFF].map { String(Unicode.Scalar($0)!) }.joined())
        FileHandle.standardOutput.write(Data([0xFF, 0xFE, 0xC3, 0x28, 0xED, 0xA0, 0x80, 0x0A]))
        print("\u{1E}NBwrongnonce0000:27:{\"cellStarted\":{\"index\":9}}")
        print("\u{1E}NB\u{1E}NB:12:not a record")
        print("progress\r100%")
        FileHandle.standardError.write(Data("<script>stderr</script>\u{1B}[0m\n".utf8))
        display(Table(columns: ["<script>c</script>", "\"><b>"], rows: [["javascript:alert(1)", "<img onerror=1>"]], caption: "</table><script>"))
        display(Heatmap(values: [[1, 2], [3, 4]], rowLabels: ["<b>r</b>", "\"q\""], columnLabels: ["<i>", "&amp;"], title: "<svg onload=1>", xLabel: "</text><script>", yLabel: "'y'", showsValues: true))
        display(LineChart(series: [Series(name: "<script>", y: [1, 2, .nan, .infinity])], title: "\"><script>", xLabel: "<x>", yLabel: "<y>"))
        display(BarChart(labels: ["<b>", "javascript:x"], values: [1, -2], title: "<t>", yLabel: "\u{0}"))
        display("<iframe src=javascript:alert(1)>")
        reportProgress("<script>p</script>", 1, of: 2, metrics: ["<m>": 1])
        "<script>result</script>"
        ```

        ```swift
        //| error: true
        fatalError("<script>crash</script>\u{1B}[31m")
        ```
        """#

    @Test func hostileOutputsAreEscapedAndTheReportIsValid() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try NotebookBinary.write(Self.hostileNotebook, to: folder + "/hostile.md")
        let result = try NotebookBinary.run(["render", "hostile.md", "--no-cache"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let html = try String(contentsOfFile: folder + "/hostile.html", encoding: .utf8)
        #expect(
            SanitizerFuzzTarget.problem(inReport: html) == nil, "\(SanitizerFuzzTarget.problem(inReport: html) ?? "")")
        #expect(html.occurrences(of: "<script") == 1, "only the report's own script")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("wrongnonce"), "text imitating a record is shown as text")
        #expect(html.contains("not a record"))
        #expect(html.contains("&lt;script&gt;crash&lt;/script&gt;"))
        for scalar in html.unicodeScalars {
            let value = scalar.value
            let forbidden =
                (value < 0x20 && value != 0x0A && value != 0x09 && value != 0x0D) || (0x7F...0x9F).contains(value)
                || (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
            #expect(!forbidden, "U+\(String(value, radix: 16)) in the report")
            if forbidden { break }
        }
        guard HTMLValidator.isAvailable() else { return }
        let problems = HTMLValidator.problems(in: [folder + "/hostile.html"])
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// 100 MB of text, three million lines, and 20,000 displays: the report keeps the head and
    /// tail with a notice, stays small and valid, and the runner's own memory stays bounded.
    @Test func floodsAreTruncatedAndTheRunnerStaysSmall() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try NotebookBinary.write(
            """
            # Flood

            ```swift
            let line = String(repeating: "x", count: 99) + "\\n"
            let block = String(repeating: line, count: 10_000)
            print("first line")
            for _ in 0..<100 { print(block, terminator: "") }
            print("last line")
            ```

            ```swift
            for i in 0..<3_000_000 { print(i) }
            ```

            ```swift
            for i in 0..<20_000 { print("line", i); display(Table(columns: ["i"], rows: [["\\(i)"]])) }
            ```

            ```swift
            for i in 0..<200_000 { print("step", i); if i % 10 == 0 { reportProgress("training", i, of: 200_000) } }
            ```
            """, to: folder + "/flood.md")
        let result = try NotebookBinary.run(["render", "flood.md", "--no-cache"], in: folder)
        print(
            "100 MB + 3M lines + 20k displays: \(String(format: "%.1f", result.seconds)) s, runner peak RSS \(result.peakResidentBytes >> 20) MB"
        )
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.peakResidentBytes < 200 << 20, "the runner peaked at \(result.peakResidentBytes >> 20) MB")
        let html = try String(contentsOfFile: folder + "/flood.html", encoding: .utf8)
        #expect(html.utf8.count < 16 << 20, "report is \(html.utf8.count >> 20) MB")
        #expect(html.contains("first line"))
        #expect(html.contains("last line"))
        #expect(html.contains("output truncated"))
        #expect(html.contains("2999999"))
        #expect(html.contains("more outputs omitted"))
        #expect(html.contains("step 199999"))
        guard HTMLValidator.isAvailable() else { return }
        let problems = HTMLValidator.problems(in: [folder + "/flood.html"])
        #expect(problems.isEmpty, "\(problems.prefix(5).joined(separator: "\n"))")
    }
}

extension String {
    func occurrences(of needle: String) -> Int {
        var count = 0
        var rest = self[...]
        while let range = rest.range(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }
}
