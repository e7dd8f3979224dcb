import Foundation
import NotebookDocument
import NotebookExecution
import NotebookOutput

/// Fixtures and helpers shared by the interop tests.
enum Support {
    static func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.path + "/notebook-interop-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A notebook with front matter, prose, a Python block, and Swift cells with options.
    static let source = """
        ---
        title: Interop fixture
        params:
          scale: 2
        ---
        # Interop fixture

        Prose with `code` and a [link](https://example.org).

        ```swift
        print("scale \\(scale)")
        ```

        ```python
        print("shown, not run")
        ```

        ```swift echo=false
        //| label: chart
        display(LineChart(series: [Series(name: "loss", y: [3, 2, 1])], title: "Loss"))
        scale * 10
        ```

        Between the cells.

        ```swift
        //| error: true
        //| timeout: 5
        let xs = [1]
        print(xs[3])
        ```
        """

    static func notebook(path: String = "fixture.md") throws -> Notebook {
        try NotebookParser.parse(text: source, path: path)
    }

    /// A run of ``notebook()`` with every kind of output, made up (no compiler needed).
    static func run(for notebook: Notebook) -> NotebookRun {
        let swift = notebook.codeCells.filter(\.isSwift)
        let python = notebook.codeCells.first { !$0.isSwift }
        var cells = [
            CellRun(
                ordinal: swift[0].ordinal, executionCount: 1, status: .succeeded,
                outputs: [
                    .stdout("scale 2\n"), .stdout("more\n"), .stderr("careful\n"),
                    .display(
                        .table(
                            Table(
                                columns: ["name", "value"], rows: [["a|b", "1"], ["<c>", "2.5"]], caption: "Values"))),
                    .progress(Progress(label: "epoch", completed: 1, total: 3, metrics: ["loss": 0.5])),
                    .progress(Progress(label: "epoch", completed: 3, total: 3, metrics: ["loss": 0.25])),
                ], seconds: 0.01),
            CellRun(
                ordinal: swift[1].ordinal, executionCount: 2, status: .succeeded,
                outputs: [
                    .display(.lineChart(LineChart(series: [Series(name: "loss", y: [3, 2, 1])], title: "Loss"))),
                    .display(
                        .heatmap(
                            Heatmap(values: [[0.1, 0.9], [0.6, 0.4]], rowLabels: ["x", "y"], title: "Attention"))),
                    .result(.text("20")),
                ], seconds: 0.02),
            CellRun(
                ordinal: swift[2].ordinal, executionCount: 3,
                status: .expectedFailure(
                    CellFailure(
                        kind: .crash, message: "Fatal error: Index out of range",
                        location: SourceLocation(file: notebook.path, line: swift[2].sourceLine + 1))),
                outputs: [], seconds: 0.03),
        ]
        if let python { cells.append(CellRun(ordinal: python.ordinal, status: .skipped)) }
        return NotebookRun(
            notebookPath: notebook.path, startedAt: Date(timeIntervalSince1970: 1_800_000_000), totalSeconds: 1.5,
            compileSeconds: 1, cells: cells, parameters: notebook.frontMatter.parameters)
    }

    /// The parts of a notebook a round trip must keep: prose text and each code cell's language,
    /// options and code (line numbers may move).
    static func essence(_ notebook: Notebook) -> [String] {
        notebook.blocks.map { block in
            switch block {
            case .prose(let prose): "prose: " + prose.markdown.trimmingCharacters(in: .whitespacesAndNewlines)
            case .code(let cell): "code \(cell.language) \(cell.options): " + cell.source
            }
        }
    }
}

/// Runs `python3` with nbformat, installing nbformat from PyPI first when it is missing.
enum Python {
    /// The first `python3` on PATH (the one a user's `pip install` went to), else the system's.
    static let path: String? =
        ((ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { $0 + "/python3" }
        + ["/usr/bin/python3", "/usr/local/bin/python3"]).first(where: FileManager.default.isExecutableFile)

    static var isAvailable: Bool { path != nil }

    struct Result {
        var status: Int32
        var output: String
    }

    static func run(_ script: String, arguments: [String] = []) throws -> Result {
        let folder = try Support.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        FileManager.default.createFile(atPath: folder + "/out", contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path ?? "/usr/bin/python3")
        process.arguments = ["-c", script] + arguments
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/out"))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            output: (try? String(contentsOfFile: folder + "/out", encoding: .utf8)) ?? "")
    }

    /// Makes sure `import nbformat` works (pip-installs it once if needed).
    static func ensureNBFormat() throws {
        if try run("import nbformat").status == 0 { return }
        let install = try run(
            "import subprocess, sys; subprocess.check_call([sys.executable, '-m', 'pip', 'install', '--quiet', 'nbformat'])"
        )
        if install.status != 0 { throw SetupError(description: "cannot install nbformat with pip: \(install.output)") }
    }

    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    /// `nbformat.validate` on the notebook file at `path`: nil when valid, else the error.
    static func validate(notebookAt path: String) throws -> String? {
        try ensureNBFormat()
        let result = try run(
            "import sys, nbformat\nnb = nbformat.read(sys.argv[1], as_version=nbformat.NO_CONVERT)\nnbformat.validate(nb)\nprint('valid', nb.nbformat, nb.nbformat_minor)",
            arguments: [path])
        return result.status == 0 && result.output.contains("valid 4 5") ? nil : result.output
    }
}
