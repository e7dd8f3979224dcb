import Foundation
import NotebookDocument
import NotebookExecution
import NotebookKernel
import NotebookOutput
import NotebookTestSupport
import Testing

/// The batch engine (`render`: one program) and the cell engine (`serve`, the Jupyter kernel: a
/// module per cell) give the same outputs on shipped lessons. Lessons 02 and 04 run whole (they
/// are the fast ones); lesson 01 runs with small `-p` parameters (its defaults train for ~40 s).
/// The other lessons train for minutes under each engine, too long for CI's budget twice over.
@Suite("Batch and cell engines agree on the lessons", .serialized, .tags(.slow))
struct EngineAgreementTests {
    static let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("notebooks").path

    @Test(arguments: [
        ("02-one-decoding-step.md", [String]()),
        ("04-ntm-addressing.md", []),
        ("01-the-bottleneck.md", ["examples=400", "epochs=2"]),
    ])
    func sameOutputsCellByCell(_ lesson: String, _ parameters: [String]) throws {
        let notebook = try NotebookParser.parse(fileAt: Self.lessons + "/" + lesson)
        var options = ExecutionOptions()
        options.parameterOverrides = parameters.map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            return (parts[0], parts[1])
        }
        let toolchain = try NotebookToolchain.locate()
        let batch = try NotebookExecutor(toolchain: toolchain).run(notebook, options: options)
        let session = NotebookSession(toolchain: toolchain, options: options)
        defer { session.shutdown() }
        let cells = try session.run(notebook)
        #expect(batch.succeeded, "\(batch.failedCells)")
        #expect(cells.succeeded, "\(cells.failedCells)")
        #expect(batch.cells.count == cells.cells.count)
        for (one, other) in zip(batch.cells, cells.cells) {
            let line = notebook.codeCells.first { $0.ordinal == one.ordinal }?.fenceLine ?? 0
            #expect(one.status == other.status, "\(lesson):\(line)")
            #expect(one.executionCount == other.executionCount, "\(lesson):\(line)")
            #expect(one.outputs == other.outputs, "\(lesson):\(line): the engines' outputs differ")
        }
    }
}
