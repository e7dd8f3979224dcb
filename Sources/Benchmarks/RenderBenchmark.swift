import Foundation
import NotebookDocument
import NotebookOutput
import NotebookReport

/// `bench render`: time to parse and render hostile prose and outputs of 256 KB, 512 KB and
/// 1 MB (median of three), so a quadratic escape, sanitiser or Markdown pass shows as a time that
/// quadruples when the size doubles. No cell is compiled: the outputs are put in the run directly.
enum RenderBenchmark {
    /// One kind of hostile input: Markdown prose of about `bytes` bytes, and the outputs of its
    /// one cell.
    struct Case: Sendable {
        var name: String
        var prose: @Sendable (Int) -> String
        var outputs: @Sendable (Int) -> [CellOutput]
    }

    static let defaultSizes = [256 << 10, 512 << 10, 1 << 20]
    static let repetitions = 3

    /// Runs every case, or those whose name contains `filter`, at the default sizes or at the one
    /// size `kilobytes` (e.g. `bench render "prose math" 256`, one size to profile under callgrind).
    static func run(filter: String? = nil, kilobytes: Int? = nil) throws {
        let sizes = kilobytes.map { [$0 << 10] } ?? defaultSizes
        emit("render benchmark (parse + render, median of \(repetitions) runs; seconds)\n")
        emit("case                      " + sizes.map { column("\($0 >> 10) KB") }.joined() + "\n")
        for kind in cases where filter.map(kind.name.contains) ?? true {
            emit(kind.name.padding(toLength: 26, withPad: " ", startingAt: 0))
            for size in sizes {
                let markdown = kind.prose(size) + "\n\n```swift\nprint(1)\n```\n"
                let outputs = kind.outputs(size)
                let times = try (0..<repetitions).map { _ in try renderSeconds(markdown: markdown, outputs: outputs) }
                emit(String(format: "%9.3f", times.sorted()[repetitions / 2]))
            }
            emit("\n")
        }
    }

    /// Writes `text` at once (unbuffered), so a slow case shows which one it is.
    static func emit(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// `text` right-aligned in nine columns.
    static func column(_ text: String) -> String {
        String(repeating: " ", count: max(0, 9 - text.count)) + text
    }

    static func renderSeconds(markdown: String, outputs: [CellOutput]) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        let html = try reportHTML(markdown: markdown, path: "bench.md") { _ in outputs }
        precondition(!html.isEmpty)
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// The report of `markdown` with every cell succeeded and given `outputs(cell)`, started at
    /// a fixed date (the same input renders to the same bytes).
    ///
    /// With `keepingTrees` false, prose is parsed again as it was before the notebook's parse
    /// kept its trees (``ProseBlock/parsedTree``): the two must render the same bytes.
    static func reportHTML(
        markdown: String, path: String, keepingTrees: Bool = true, outputs: (CodeCell) -> [CellOutput]
    ) throws -> String {
        var notebook = try NotebookParser.parse(text: markdown, path: path)
        if !keepingTrees {
            notebook.blocks = notebook.blocks.map { block in
                guard case .prose(var prose) = block else { return block }
                prose.parsedTree = nil
                return .prose(prose)
            }
        }
        let cells = notebook.codeCells.map { cell in
            CellRun(ordinal: cell.ordinal, executionCount: 1, status: .succeeded, outputs: outputs(cell), seconds: 0.1)
        }
        let run = NotebookRun(
            notebookPath: path, startedAt: Date(timeIntervalSince1970: 0), totalSeconds: 1, compileSeconds: 1,
            cells: cells, parameters: [])
        return ReportRenderer().render(notebook: notebook, run: run).html
    }

    /// `bench render-files <out-folder> [--reparsing] [--cases KB] <file.md>…`: writes each
    /// file's report (each cell's output is its own source, as standard output) to
    /// `<out-folder>/<n>-<name>.html` (a file that does not parse: the error, as `.error`), and
    /// with `--cases` the bench cases at that size as `case-<n>.html`: a corpus to compare two
    /// builds byte for byte. `--reparsing` parses every prose block's text again instead of
    /// using the tree the notebook's parse kept: the two outputs must be the same.
    static func renderFiles(arguments: [String]) throws {
        var arguments = arguments[...]
        guard let folder = arguments.popFirst() else { throw RenderFilesError.usage }
        var keepingTrees = true
        if arguments.first == "--reparsing" {
            arguments.removeFirst()
            keepingTrees = false
        }
        var kilobytes: Int?
        if arguments.first == "--cases" {
            arguments.removeFirst()
            guard let value = arguments.popFirst().flatMap({ Int($0) }), value > 0 else {
                throw RenderFilesError.usage
            }
            kilobytes = value
        }
        let directory = URL(fileURLWithPath: folder)
        for (number, path) in arguments.enumerated() {
            let name = "\(number)-" + URL(fileURLWithPath: path).lastPathComponent
            let markdown = try String(contentsOfFile: path, encoding: .utf8)
            do {
                let html = try reportHTML(markdown: markdown, path: path, keepingTrees: keepingTrees) {
                    [.stdout($0.source)]
                }
                try Data(html.utf8).write(to: directory.appendingPathComponent(name + ".html"))
            } catch {
                try Data("\(error)\n".utf8).write(to: directory.appendingPathComponent(name + ".error"))
            }
        }
        guard let kilobytes else { return }
        for (number, kind) in cases.enumerated() {
            let size = kilobytes << 10
            let markdown = kind.prose(size) + "\n\n```swift\nprint(1)\n```\n"
            let outputs = kind.outputs(size)
            let html = try reportHTML(markdown: markdown, path: "bench.md", keepingTrees: keepingTrees) { _ in outputs }
            try Data(html.utf8).write(to: directory.appendingPathComponent("case-\(number).html"))
        }
    }

    enum RenderFilesError: Error, CustomStringConvertible {
        case usage
        var description: String { "usage: bench render-files <out-folder> [--reparsing] [--cases KB] <file.md>…" }
    }

    /// `unit` repeated to about `bytes` bytes.
    static func repeated(_ unit: String, _ bytes: Int) -> String {
        String(repeating: unit, count: max(1, bytes / unit.utf8.count))
    }

    static let cases: [Case] = [
        Case(
            name: "prose paragraphs",
            prose: { repeated("Some *notes* on `attention` and [a link](https://example.org) & <b>x</b>.\n\n", $0) },
            outputs: { _ in [] }),
        Case(name: "prose one paragraph", prose: { repeated("word *emphasis* `code` ", $0) }, outputs: { _ in [] }),
        Case(
            name: "prose math", prose: { repeated("with $h_t = W x_t$ and $$\\sum_i a_i$$ ", $0) }, outputs: { _ in [] }
        ),
        Case(name: "prose unclosed ` and $$", prose: { repeated("a ` b $$ c ", $0) }, outputs: { _ in [] }),
        Case(name: "prose same headings", prose: { repeated("# Notes\n\n", $0) }, outputs: { _ in [] }),
        Case(
            name: "prose raw HTML",
            prose: { repeated("<div class=\"x\"><span title=\"a&amp;b\">t</span></div>\n", $0) }, outputs: { _ in [] }),
        Case(name: "prose nested lists", prose: { repeated("- a\n  - b\n    > c\n", $0) }, outputs: { _ in [] }),
        Case(
            name: "prose tables",
            prose: {
                "| name | note | link |\n| :-- | :-: | --: |\n"
                    + repeated(
                        "| *a* **b** | `c \\| d` ~~e~~ | [f](https://example.org/f) www.example.com <i>g</i> |\n", $0)
            }, outputs: { _ in [] }),
        Case(
            name: "prose blockquote",
            prose: { repeated("> Some *notes* on `attention` and [a link](https://example.org) & more.\n> \n", $0) },
            outputs: { _ in [] }),
        Case(
            name: "prose task lists", prose: { repeated("- [ ] a *task* with `code`\n- [x] done ~~old~~\n", $0) },
            outputs: { _ in [] }),
        Case(
            name: "prose footnotes",
            prose: { size in
                let count = max(1, size / 64)
                return (0..<count).map { "Text with a note[^n\($0)] and *more*.\n\n" }.joined()
                    + (0..<count).map { "[^n\($0)]: The note *\($0)*.\n" }.joined()
            }, outputs: { _ in [] }),
        Case(
            name: "output text", prose: { _ in "# Output" },
            outputs: { [.stdout(repeated("loss 0.25 <&> \u{1B}[0m\n", $0))] }),
        Case(
            name: "output one line with \\r", prose: { _ in "# Output" },
            outputs: { [.stdout(repeated("step 10%\r", $0))] }),
        Case(
            name: "output many pieces", prose: { _ in "# Output" },
            outputs: { Array(repeating: CellOutput.stdout("x <y>\n"), count: $0 / 6) }),
    ]
}
