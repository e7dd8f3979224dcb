import Foundation
import NotebookTestSupport
import Testing

/// `render --to md --in-place` writes each cell's outputs back into the notes. A cell's output is
/// text it controls, so it must never become notes or code on the next run: what it prints stays
/// inside its fenced region, whatever markers, fences or code it prints.
@Suite struct MarkdownInPlaceTests {
    struct Payload: Sendable, CustomTestStringConvertible {
        var name: String
        /// Swift string literal content the cell prints.
        var printed: String
        var testDescription: String { name }
    }

    static let payloads: [Payload] = [
        Payload(
            name: "end marker then a swift cell",
            printed: #"<!-- /notebook:output -->\n```swift\nprint(\"INJECTED\")\n```"#),
        Payload(
            name: "end marker then a long fence",
            printed: #"<!-- /notebook:output -->\n``````swift\nprint(\"INJECTED\")\n``````"#),
        Payload(
            name: "end marker then a tilde fence",
            printed: #"  <!-- /notebook:output -->  \n~~~swift\nprint(\"INJECTED\")\n~~~"#),
        Payload(
            name: "both markers and an open fence",
            printed: #"<!-- notebook:output -->\n```\n<!-- /notebook:output -->\n```swift\nprint(\"INJECTED\")"#),
    ]

    @Test(arguments: payloads)
    func printedMarkersAndFencesStayInsideTheRegion(_ payload: Payload) throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let notes = "# In place\n\n```swift\nprint(\"\(payload.printed)\")\n```\n\nAfter.\n"
        try NotebookBinary.write(notes, to: folder + "/notes.md")
        let first = try NotebookBinary.run(
            ["render", "notes.md", "--to", "md", "--in-place", "--no-cache"], in: folder)
        #expect(first.status == 0, "\(first.standardError)")
        let once = try String(contentsOfFile: folder + "/notes.md", encoding: .utf8)
        #expect(once.hasPrefix(notes.replacingOccurrences(of: "\n\nAfter.\n", with: "")), "the notes changed:\n\(once)")
        // The second run must see one cell (printing the same text), not an injected one.
        let second = try NotebookBinary.run(
            ["render", "notes.md", "--to", "md", "--in-place", "--no-cache"], in: folder)
        #expect(second.status == 0, "\(second.standardError)")
        let twice = try String(contentsOfFile: folder + "/notes.md", encoding: .utf8)
        #expect(twice == once, "a second in-place run changed the file:\n\(twice)")
        let html = try NotebookBinary.run(["render", "notes.md", "--out", "report", "--no-cache"], in: folder)
        #expect(html.status == 0, "\(html.standardError)")
        let report = try String(contentsOfFile: folder + "/report/notes.html", encoding: .utf8)
        #expect(report.components(separatedBy: "class=\"cell ").count - 1 == 1, "the report has more than one cell")
    }
}
