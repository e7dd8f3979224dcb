import Foundation
import NotebookDocument
import NotebookExecution
import NotebookPublishing
import NotebookReport

/// `bench runner`: cold render time of generated 50- and 300-line notebooks with the split
/// (parse / compile / run / render), the compiler's own time on the same program, the cached
/// re-render time of a notebooks folder, and Jupyter's nbconvert on an equivalent Python notebook
/// where it is installed.
enum RunnerBenchmark {
    static func run(arguments: [String]) throws {
        let folder = arguments.first ?? "notebooks"
        let repetitions = 3
        let toolchain = try NotebookToolchain.locate()
        let work = FileManager.default.temporaryDirectory.path + "/notebook-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        print("runner benchmark (median of \(repetitions) runs; seconds)")
        print("notebook    lines  parse   compile  run     render  total   swiftc-alone  overhead")
        for lines in [50, 300] {
            let path = "\(work)/generated-\(lines).md"
            try GeneratedNotebook.markdown(lines: lines).write(toFile: path, atomically: true, encoding: .utf8)
            var samples: [Sample] = []
            for _ in 0..<repetitions {
                samples.append(try coldRender(path: path, toolchain: toolchain))
            }
            let compilerAlone = try (0..<repetitions).map { _ in
                try swiftcAlone(path: path, toolchain: toolchain, work: work)
            }
            let sample = Sample.median(samples)
            let swiftc = median(compilerAlone)
            let overhead = sample.total - sample.run - swiftc
            print(
                String(
                    format: "generated   %5d  %.4f  %.3f    %.3f   %.4f  %.3f   %.3f         %+.3f (%.1f%% of swiftc)",
                    lines, sample.parse, sample.compile, sample.run, sample.render, sample.total, swiftc, overhead,
                    100 * overhead / swiftc))
        }
        try cachedRerender(folder: folder, toolchain: toolchain, work: work)
        try nbconvertComparison(work: work, toolchain: toolchain)
    }

    struct Sample {
        var parse = 0.0, compile = 0.0, run = 0.0, render = 0.0, total = 0.0

        static func median(_ samples: [Sample]) -> Sample {
            Sample(
                parse: RunnerBenchmark.median(samples.map(\.parse)),
                compile: RunnerBenchmark.median(samples.map(\.compile)),
                run: RunnerBenchmark.median(samples.map(\.run)), render: RunnerBenchmark.median(samples.map(\.render)),
                total: RunnerBenchmark.median(samples.map(\.total)))
        }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// One cold render through the pipeline's stages (parse and execute, then the report).
    static func coldRender(path: String, toolchain: NotebookToolchain) throws -> Sample {
        let pipeline = RenderPipeline(toolchain: toolchain, options: ExecutionOptions())
        var sample = Sample()
        var executed: ExecutedNotebook?
        sample.total = try seconds {
            let stages = try pipeline.execute(path)
            executed = stages
            sample.parse = stages.parseSeconds
            sample.compile = stages.run.compileSeconds
            sample.run = stages.executeSeconds - stages.run.compileSeconds
            sample.render = try seconds { try AtomicFile.write(pipeline.report(stages).html, to: path + ".html") }
        }
        guard let run = executed?.run, run.succeeded else {
            throw BenchmarkError("the generated notebook failed: \(executed?.run.failedCells ?? [])")
        }
        return sample
    }

    static func swiftcAlone(path: String, toolchain: NotebookToolchain, work: String) throws -> Double {
        let notebook = try NotebookParser.parse(fileAt: path)
        let plan = ProgramPlanner.plan(notebook, parameters: notebook.frontMatter.parameters)
        let alone = work + "/alone"
        try FileManager.default.createDirectory(atPath: alone, withIntermediateDirectories: true)
        let sources = try plan.write(into: alone)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: toolchain.swiftc)
        process.arguments = toolchain.compilerArguments(sources: sources, output: alone + "/notebook")
        return try seconds {
            try process.run()
            process.waitUntilExit()
        }
    }

    static func cachedRerender(folder: String, toolchain: NotebookToolchain, work: String) throws {
        guard FileManager.default.fileExists(atPath: folder) else {
            print("cached re-render: skipped (no folder \(folder))")
            return
        }
        let inputs = try NotebookDiscovery.inputs([folder], excluding: nil)
        var options = ExecutionOptions()
        options.cacheDirectory = work + "/cache"
        let pipeline = RenderPipeline(toolchain: toolchain, options: options)
        let out = work + "/reports"
        let cold = seconds { _ = pipeline.renderAll(inputs, outputFolder: out, jobs: 2) }
        var warm: [Double] = []
        for _ in 0..<5 {
            warm.append(seconds { _ = pipeline.renderAll(inputs, outputFolder: out, jobs: 1) })
        }
        var phases = (parse: 0.0, lookup: 0.0, render: 0.0, write: 0.0)
        for input in inputs {
            let executed = try pipeline.execute(input.path)
            phases.parse += executed.parseSeconds
            phases.lookup += executed.executeSeconds
            var html = ""
            phases.render += seconds { html = pipeline.report(executed).html }
            phases.write += try seconds { try AtomicFile.write(html, to: work + "/phase.html") }
        }
        let count = Double(max(inputs.count, 1))
        print(
            String(
                format:
                    "cached re-render per notebook: parse %.1f ms, cache lookup %.1f ms, render %.1f ms, write %.1f ms",
                phases.parse / count * 1000, phases.lookup / count * 1000, phases.render / count * 1000,
                phases.write / count * 1000))
        let perNotebook = median(warm) / Double(max(inputs.count, 1))
        print(
            String(
                format:
                    "cached re-render of %@ (%d notebooks): %.1f ms in all, %.1f ms per notebook (cold with 2 jobs: %.1f s)",
                folder, inputs.count, median(warm) * 1000, perNotebook * 1000, cold))
    }

    static func nbconvertComparison(work: String, toolchain: NotebookToolchain) throws {
        guard
            let jupyter = ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
                .map({ "\($0)/jupyter" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else {
            print("nbconvert: skipped (jupyter is not installed; pip install nbconvert ipykernel)")
            return
        }
        let python = work + "/generated-50.ipynb"
        try GeneratedNotebook.pythonNotebook(lines: 50).write(toFile: python, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: jupyter)
        process.arguments = ["nbconvert", "--execute", "--to", "html", python, "--output-dir", work]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let nbconvert = try seconds {
            try process.run()
            process.waitUntilExit()
        }
        guard process.terminationStatus == 0 else {
            print(
                "nbconvert: skipped (jupyter nbconvert failed with status \(process.terminationStatus); pip install nbconvert ipykernel)"
            )
            return
        }
        let ours = try coldRender(path: work + "/generated-50.md", toolchain: toolchain).total
        print(
            String(
                format:
                    "nbconvert --execute --to html, 50-line Python notebook: %.2f s; notebook render, 50-line Swift: %.2f s (ratio %.2f)",
                nbconvert, ours, ours / nbconvert))
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Notebooks of a given size with typical cell code (loops, arrays, printing, a display).
enum GeneratedNotebook {
    static func cellBodies(count: Int) -> [[String]] {
        (0..<count).map { index in
            [
                "var values\(index) = (0..<64).map { Double($0) * 0.5 }",
                "var total\(index) = 0.0",
                "for value in values\(index) { total\(index) += value * value }",
                "let mean\(index) = total\(index) / Double(values\(index).count)",
                "print(\"cell \(index):\", mean\(index))",
                "values\(index).sort(by: >)",
                "let top\(index) = Array(values\(index).prefix(3))",
                "top\(index).count",
            ]
        }
    }

    static func markdown(lines: Int) -> String {
        let cells = max(1, lines / 10)
        var text = "---\ntitle: Generated \(lines)-line notebook\n---\n\n# Generated\n"
        for body in cellBodies(count: cells) {
            text += "\nA paragraph about the next cell.\n\n```swift\n" + body.joined(separator: "\n") + "\n```\n"
        }
        return text
    }

    static func pythonNotebook(lines: Int) -> String {
        let cells = max(1, lines / 10)
        var jsonCells: [String] = []
        for index in 0..<cells {
            let source = [
                "values\(index) = [i * 0.5 for i in range(64)]", "total\(index) = 0.0",
                "for value in values\(index):\n    total\(index) += value * value",
                "mean\(index) = total\(index) / len(values\(index))", "print('cell \(index):', mean\(index))",
                "values\(index).sort(reverse=True)", "top\(index) = values\(index)[:3]", "len(top\(index))",
            ].joined(separator: "\n")
            let escaped = source.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                of: "\"", with: "\\\""
            )
            .replacingOccurrences(of: "\n", with: "\\n")
            jsonCells.append(
                "{\"cell_type\":\"markdown\",\"metadata\":{},\"source\":\"A paragraph about the next cell.\"},"
                    + "{\"cell_type\":\"code\",\"execution_count\":null,\"metadata\":{},\"outputs\":[],\"source\":\"\(escaped)\"}"
            )
        }
        return
            "{\"cells\":[\(jsonCells.joined(separator: ","))],\"metadata\":{\"kernelspec\":{\"name\":\"python3\",\"display_name\":\"Python 3\",\"language\":\"python\"}},\"nbformat\":4,\"nbformat_minor\":5}"
    }
}
