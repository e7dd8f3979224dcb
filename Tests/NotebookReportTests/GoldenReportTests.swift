import Foundation
import NotebookDocument
import NotebookReport
import NotebookTestSupport
import Testing

/// The sample report (every feature: prose, math, GFM, highlighted code, charts, heatmaps,
/// tables, failures) byte for byte against `Golden/sample-report.html`, so any change to the
/// report's HTML shows up as a reviewed diff. Record a deliberate change with `RECORD_GOLDEN=1`.
@Suite struct GoldenReportTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden").path

    @Test func sampleReportMatchesItsGoldenFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("figures"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try SampleReport.png.write(to: folder.appendingPathComponent("figures/diagram.png"))
        let options = ReportOptions(
            baseDirectory: folder.path, generator: "notebook (golden)", timeZone: TimeZone(identifier: "UTC")!)
        let report = ReportRenderer.render(notebook: SampleReport.notebook, run: SampleReport.run, options: options)
        GoldenFile.check(report.html, against: Self.golden + "/sample-report.html")
    }

    @Test func indexPageMatchesItsGoldenFile() throws {
        let options = ReportOptions(generator: "notebook (golden)", timeZone: TimeZone(identifier: "UTC")!)
        let entries = [
            ReportIndexEntry(notebook: SampleReport.notebook, run: SampleReport.run, reportPath: "sample.html"),
            ReportIndexEntry(
                title: "Transformer <from scratch>", reportPath: "transformer & co.html",
                notebookPath: "notes/transformer.md", failures: RunFailures(cells: 0), runDate: Fixtures.date,
                totalSeconds: 93.2, fromCache: true),
        ]
        GoldenFile.check(IndexPage(options: options).render(entries: entries), against: Self.golden + "/index.html")
    }
}
