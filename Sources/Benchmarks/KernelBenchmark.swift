import Foundation
import NotebookExecution
import NotebookKernel

/// `bench kernel [rounds]`: the cell engine's cost per cell, as a Jupyter user waits for it.
///
/// For `let x = 1` and a 30-line cell: medians of compile (frontend), link, run and the whole
/// `execute` (what an execute_request waits for before its reply, less ~1 ms of messaging), and
/// the memory the snapshots hold. Goal (issue 15): median < 0.4 s per cell. Then, when python3
/// has jupyter_client, the same two cells through the real protocol (tools/bench_kernel.py), and
/// `serve` after an edit of a lesson's last cell (``ServeEditBenchmark``; default lesson 01).
/// The per-cell numbers compare, interleaved, the default (cells compiled by the resident
/// compiler, linked by the derived linker command), a new `swift-frontend` process per cell
/// (`NOTEBOOK_CELL_TOOLS=frontend`) and every step through the driver (`NOTEBOOK_CELL_TOOLS=driver`);
/// the protocol numbers likewise.
enum KernelBenchmark {
    static func run(arguments: [String]) throws {
        let rounds = arguments.first.flatMap { Int($0) } ?? 15
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let lesson = arguments.dropFirst().first ?? root.appendingPathComponent("notebooks/01-the-bottleneck.md").path
        // A: the resident compiler and the linker run directly (the default); B: a new frontend
        // process per cell; C: every step through `swiftc`. The rounds alternate A B C, C B A, …
        // so that all see the same machine load.
        let toolchain = try NotebookToolchain.locate()
        var frontendConfiguration = CellEngine.Configuration(toolchain: toolchain)
        frontendConfiguration.usesResidentCompiler = false
        var driverConfiguration = CellEngine.Configuration(toolchain: toolchain)
        driverConfiguration.usesDriver = true
        let engines = [
            ("resident", try CellEngine(configuration: CellEngine.Configuration(toolchain: toolchain))),
            ("frontend", try CellEngine(configuration: frontendConfiguration)),
            ("driver", try CellEngine(configuration: driverConfiguration)),
        ]
        defer { for (_, engine) in engines { engine.shutdown() } }
        let cells = ["let x = 1", "30-line cell"]
        print("kernel: \(rounds) rounds per cell (each a new module: names are numbered so none shadows)")
        for (name, engine) in engines {
            print(
                "  \(name): compiles with \(engine.compiling) (else \(engine.compilerExecutable)), links \(engine.linking)"
            )
        }
        for label in cells {
            var samples = Array(repeating: Samples(), count: engines.count)
            for round in 0..<rounds {
                let code =
                    label == "let x = 1"
                    ? "let x\(round) = 1" : thirtyLineCell.replacingOccurrences(of: "NN", with: "\(round)")
                let order = round.isMultiple(of: 2) ? Array(engines.indices) : engines.indices.reversed()
                for index in order {
                    let start = BenchmarkTimer.now()
                    let report = engines[index].1.execute(code)
                    samples[index].total.append(BenchmarkTimer.now() - start)
                    guard report.succeeded else { throw BenchmarkError(description: "cell failed: \(report.message)") }
                    samples[index].compile.append(report.compileSeconds)
                    samples[index].link.append(report.linkSeconds)
                    samples[index].run.append(report.runSeconds)
                }
            }
            for (index, (name, _)) in engines.enumerated() {
                let sample = samples[index]
                print(
                    "  \(label.padding(toLength: 13, withPad: " ", startingAt: 0)) \(name): execute median "
                        + "\(format(median(sample.total)))  (compile \(format(median(sample.compile))), link "
                        + "\(format(median(sample.link))), load+run \(format(median(sample.run))))")
            }
        }
        let engine = engines[0].1
        print(
            "  snapshots (resident engine): \(engine.history.count) held, \(engine.snapshotBytes >> 10) KiB private memory"
        )
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("tools/bench_kernel.py").path
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("notebook").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, executable, String(rounds)]
        fflush(nil)  // what this benchmark printed comes before the script's lines
        try process.run()
        process.waitUntilExit()
        try ServeEditBenchmark.run(lesson: lesson, rounds: 3)
    }

    /// The seconds of each round of one cell on one engine.
    struct Samples {
        var compile: [Double] = []
        var link: [Double] = []
        var run: [Double] = []
        var total: [Double] = []
    }

    struct BenchmarkError: Error, CustomStringConvertible {
        var description: String
    }

    static let thirtyLineCell = (0..<10).map { index in
        """
        let valuesNN_\(index) = (0..<100).map { Double($0) * \(index + 1).0 }
        func summaryNN_\(index)(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
        print("mean \(index):", summaryNN_\(index)(valuesNN_\(index)))
        """
    }.joined(separator: "\n")

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    static func format(_ seconds: Double) -> String {
        String(format: "%.3f s", seconds)
    }
}
