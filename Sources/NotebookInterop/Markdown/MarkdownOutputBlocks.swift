import Foundation
import NotebookDocument
import NotebookExecution
import NotebookOutput
import NotebookReport

/// One cell's outputs as Markdown (the inside of a generated output region).
struct MarkdownOutputBlocks {
    let imageFolder: String
    let cellName: String
    /// The cell's first code line in the file; places are shown relative to it ("cell line 2"),
    /// so that outputs do not change when regions above the cell move it down.
    let firstCodeLine: Int
    /// The image files the Markdown links to (relative path → contents).
    private(set) var images: [(path: String, contents: Data)] = []
    /// The cell's `fig-cap` (shown under its outputs) and `fig-alt` (the alt text of its images).
    let figure: (caption: String?, alt: String?)

    init(imageFolder: String, cell: CodeCell) {
        self.imageFolder = imageFolder
        self.firstCodeLine = cell.sourceLine
        self.figure = (cell.options.figureCaption, cell.options.figureAlt ?? cell.options.figureCaption)
        // Named by label or position, never by line: lines move when regions above grow.
        let cellName = cell.options.label ?? "cell-\(cell.ordinal + 1)"
        self.cellName = String(
            cellName.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
    }

    /// The Markdown of `run`'s outputs (when `showsOutputs`) and of its failure, blocks separated
    /// by blank lines.
    mutating func markdown(for run: CellRun, showsOutputs: Bool) -> String {
        var blocks: [String] = []
        if showsOutputs {
            var lastProgress: [String: NotebookOutput.Progress] = [:]
            for case .progress(let progress) in run.outputs { lastProgress[progress.label] = progress }
            var shownProgress: Set<String> = []
            var stream: (isError: Bool, text: String)?
            func flush() {
                if let pending = stream, !pending.text.isEmpty {
                    blocks.append((pending.isError ? "*stderr:*\n\n" : "") + fenced(pending.text, info: "text"))
                }
                stream = nil
            }
            for output in run.outputs {
                switch output {
                case .stdout(let text), .stderr(let text):
                    let isError: Bool
                    if case .stderr = output { isError = true } else { isError = false }
                    if stream?.isError != isError { flush() }
                    stream = (isError, (stream?.text ?? "") + text)
                case .display(let value):
                    flush()
                    blocks.append(rich(value))
                case .result(let value):
                    flush()
                    let count = run.executionCount.map(String.init) ?? " "
                    blocks.append("**Out[\(count)]:**\n\n" + rich(value))
                case .progress(let progress):
                    guard shownProgress.insert(progress.label).inserted else { continue }
                    flush()
                    blocks.append(
                        fenced(JupyterOutputs.progressLine(lastProgress[progress.label] ?? progress), info: "text"))
                }
            }
            flush()
            if let caption = figure.caption, !blocks.isEmpty { blocks.append("*" + MarkdownText.escape(caption) + "*") }
        }
        switch run.status {
        case .failed(let failure), .expectedFailure(let failure):
            var expected = false
            if case .expectedFailure = run.status { expected = true }
            let place = failure.location.map { " at " + self.place($0.line, column: $0.column) } ?? ""
            blocks.append(
                "**\(expected ? "expected failure: " : "")\(failure.kind.rawValue)**\(place)\n\n"
                    + fenced(failure.message, info: "text"))
        case .notRun(let reason):
            blocks.append("*not run: \(MarkdownText.escape(reason))*")
        default:
            let warnings = run.diagnostics.map { diagnostic in
                let place = diagnostic.location.map { self.place($0.line, column: $0.column) + ": " } ?? ""
                return place + diagnostic.severity.rawValue + ": " + diagnostic.message
            }
            if showsOutputs, !warnings.isEmpty { blocks.append(fenced(warnings.joined(separator: "\n"), info: "text")) }
        }
        return blocks.joined(separator: "\n\n")
    }

    /// "cell line 2" (or "cell line 2:5"): a place relative to the cell's first code line.
    private func place(_ line: Int, column: Int?) -> String {
        "cell line \(line - firstCodeLine + 1)" + (column.map { ":\($0)" } ?? "")
    }

    /// A rich value: text fenced, a table as a Markdown table, a chart as an image link.
    private mutating func rich(_ value: RichOutput) -> String {
        switch value {
        case .text(let text):
            return fenced(text, info: "text")
        case .table(let table):
            return MarkdownText.table(table)
        case .heatmap, .lineChart, .barChart, .attention:
            let name = "\(cellName)-\(images.count + 1).svg"
            guard let svg = OutputRendering.standaloneSVG(value, id: "\(cellName)-\(images.count + 1)") else {
                return fenced(OutputRendering.plainText(value), info: "text")
            }
            let path = imageFolder + "/" + name
            images.append((path, Data(svg.utf8)))
            let summary = OutputRendering.plainText(value).split(separator: "\n").first.map(String.init) ?? "chart"
            return "![\(MarkdownText.escape(figure.alt ?? summary))](\(MarkdownText.linkPath(path)))"
        case .image(let image):
            let path = imageFolder + "/\(cellName)-\(images.count + 1).\(image.format.fileExtension)"
            images.append((path, image.data))
            return "![\(MarkdownText.escape(image.alt ?? figure.alt ?? "image"))](\(MarkdownText.linkPath(path)))"
        case .markdown(let markdown):
            // Text holding a region marker would end the region early: it stays text then.
            let markers = [GeneratedOutputRegion.beginMarker, GeneratedOutputRegion.endMarker]
            return markers.contains(where: markdown.contains) ? fenced(markdown, info: "markdown") : markdown
        case .html(let html):
            // An HTML block ends at a blank line: keep the sanitised markup in one block.
            return OutputRendering.sanitizedHTML(html).split(separator: "\n", omittingEmptySubsequences: true)
                .filter { !$0.allSatisfy(\.isWhitespace) }.joined(separator: "\n")
        case .panels(let panels):
            let items = panels.items.map { rich($0) }
            let title = panels.title.map { "**\(MarkdownText.escape($0))**\n\n" } ?? ""
            return title + items.joined(separator: "\n\n")
        }
    }

    private func fenced(_ text: String, info: String) -> String {
        let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
        let fence = CodeFence.enclosing(body)
        return fence + info + "\n" + body + "\n" + fence
    }
}

/// Escaping for text put into Markdown.
enum MarkdownText {
    /// `text` on one line with Markdown's punctuation escaped (for emphasis, alt text, table cells).
    static func escape(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "\n", "\r": output += " "
            case "\\", "`", "*", "_", "[", "]", "|", "<", ">", "#", "!": output += "\\" + String(character)
            default: output.append(character)
            }
        }
        return output
    }

    /// A GFM table (caption as a bold line above it); cells escaped, rows padded to the header.
    static func table(_ table: Table) -> String {
        let width = max(table.columns.count, table.rows.map(\.count).max() ?? 0, 1)
        func row(_ cells: [String]) -> String {
            "| " + (0..<width).map { $0 < cells.count ? escape(cells[$0]) : "" }.joined(separator: " | ") + " |"
        }
        var lines = table.caption.map { ["**\(escape($0))**", ""] } ?? []
        lines.append(row(table.columns))
        lines.append("|" + String(repeating: " --- |", count: width))
        lines += table.rows.map(row)
        return lines.joined(separator: "\n")
    }

    /// A relative path for a link: spaces and parentheses percent-encoded.
    static func linkPath(_ path: String) -> String {
        path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: " ", with: "%20")
            .replacingOccurrences(of: "(", with: "%28").replacingOccurrences(of: ")", with: "%29")
    }
}
