import Foundation
import NotebookReport
import Testing

@Suite struct ImageTests {
    @Test func localImagesAreEmbeddedAndMissingOnesWarn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("images-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("fig"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try SampleReport.png.write(to: folder.appendingPathComponent("fig/a b.png"))
        try Data("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".utf8)
            .write(to: folder.appendingPathComponent("fig/d.svg"))
        try Data("not an image".utf8).write(to: folder.appendingPathComponent("fig/t.png"))
        let notebook = Fixtures.notebook(
            """
            # Images

            ![png](fig/a%20b.png)

            <img src="fig/d.svg" width="50" alt="drawing">

            ![gone](fig/missing.png)

            ![text](fig/t.png)

            ![remote](https://example.com/r.png)
            """, path: folder.path + "/notes.md")
        let report = Fixtures.render(notebook, Fixtures.run(for: notebook))
        let html = report.html
        #expect(html.contains("src=\"data:image/png;base64,iVBORw0KGgo"))
        #expect(html.contains("src=\"data:image/svg+xml;base64,"))
        #expect(html.contains("<span class=\"missing-marker\">missing image</span>gone"))
        #expect(html.contains("src=\"https://example.com/r.png\""))
        #expect(report.warnings.count == 2)
        let missing = try #require(report.warnings.first)
        #expect(missing.location.file == folder.path + "/notes.md")
        #expect(missing.location.line == 7)
        #expect(missing.description.contains("fig/missing.png"))
        #expect(report.warnings.last?.message.contains("not a PNG") == true)
    }
}
