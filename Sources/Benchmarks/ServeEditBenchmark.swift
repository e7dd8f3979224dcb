import Foundation
import NotebookDocument
import NotebookExecution
import NotebookKernel
import NotebookReport

/// `bench kernel`'s second part: what `notebook serve` costs after an edit of a lesson's last
/// cell. The lesson runs once whole in a ``NotebookSession`` (as on its first request), then its
/// last cell is edited `rounds` times: each round times the incremental run plus the report's
/// HTML (the served page; the page's own poll adds up to 0.6 s, the file poll up to 0.5 s).
/// Goal (issue 15): < 2 s, against a whole re-run. Also the memory the lesson's snapshots hold.
enum ServeEditBenchmark {
    static func run(lesson path: String, rounds: Int) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            print("serve: skipped (\(path) not found)")
            return
        }
        let original = try String(contentsOfFile: path, encoding: .utf8)
        guard let fence = original.range(of: "```swift", options: .backwards),
            let lineEnd = original[fence.upperBound...].firstIndex(of: "\n")
        else { throw KernelBenchmark.BenchmarkError(description: "\(path) has no Swift cell") }
        let folder = FileManager.default.temporaryDirectory.path + "/bench-serve-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let copy = folder + "/" + (path as NSString).lastPathComponent

        let session = NotebookSession(toolchain: try NotebookToolchain.locate())
        defer { session.shutdown() }
        func render(_ text: String) throws -> (seconds: Double, cellsRun: Int, html: String) {
            try text.write(toFile: copy, atomically: true, encoding: .utf8)
            let start = BenchmarkTimer.now()
            let notebook = try NotebookParser.parse(fileAt: copy)
            let run = try session.run(notebook)
            let html = ReportRenderer.render(notebook: notebook, run: run, options: ReportOptions()).html
            guard run.succeeded else {
                throw KernelBenchmark.BenchmarkError(description: "\(path): a cell failed in the session")
            }
            return (BenchmarkTimer.now() - start, session.lastExecutedCells.count, html)
        }
        let first = try render(original)
        print(
            "serve: \((path as NSString).lastPathComponent), first render in the session \(KernelBenchmark.format(first.seconds)) (\(first.cellsRun) cells)"
        )
        print("  snapshots of the lesson: \(session.snapshotBytes >> 20) MiB private memory")
        var times: [Double] = []
        for round in 0..<rounds {
            var edited = original
            edited.insert(contentsOf: "\nprint(\"edit \(round)\")", at: lineEnd)
            let result = try render(edited)
            guard result.cellsRun == 1, result.html.contains("edit \(round)") else {
                throw KernelBenchmark.BenchmarkError(description: "the edit ran \(result.cellsRun) cells")
            }
            times.append(result.seconds)
        }
        print(
            "  last cell edited: updated page median \(KernelBenchmark.format(KernelBenchmark.median(times))) over \(rounds) edits (1 cell run each)"
        )
    }
}
