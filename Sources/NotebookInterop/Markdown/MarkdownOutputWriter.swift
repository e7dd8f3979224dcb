import Foundation
import NotebookDocument
import NotebookExecution
import NotebookOutput

/// The notebook's Markdown with each cell's outputs written under it (`notebook render --to md`).
///
/// Each cell's outputs sit in a region between ``GeneratedOutputRegion/beginMarker`` and
/// ``GeneratedOutputRegion/endMarker`` lines, after one blank line below the closing fence. The
/// parser ignores these regions, and the writer drops the old regions (and the blank line before
/// each) before it adds the new ones, so writing a file over itself (`--in-place`) replaces the
/// outputs instead of adding to them, and a second run with the same outputs changes nothing.
///
/// Inside a region: text as fenced `text` blocks, tables as Markdown tables, charts and heatmaps
/// as image links to SVG files (``Result/images``), failures as a bold line and the message.
/// Places are given relative to the cell ("cell line 2"), and chart files are named after the
/// cell's label or position.
public struct MarkdownOutputWriter {
    /// The Markdown and the image files it links to.
    public struct Result: Sendable {
        /// The new Markdown text.
        public var markdown: String
        /// Image files to write (charts as SVG, `display(image:)` images as they came): path
        /// relative to the Markdown file → contents.
        public var images: [(path: String, contents: Data)]
    }

    /// The folder (relative to the Markdown file) the chart images go into, `notes.out_files`.
    public var imageFolder: String

    /// Creates a writer whose charts go to `imageFolder`.
    public init(imageFolder: String) {
        self.imageFolder = imageFolder
    }

    /// The image folder name for a Markdown file written at `path`: `notes.out.md` →
    /// `notes.out_files`.
    public static func imageFolder(forMarkdownAt path: String) -> String {
        let name = (path as NSString).lastPathComponent
        let stem = name.lowercased().hasSuffix(".md") ? String(name.dropLast(3)) : name
        return stem + "_files"
    }

    /// The notebook's text (``Notebook/sourceText``, perhaps with old outputs) with the outputs of `run`.
    ///
    /// With `showsInlineValues`, each inline expression (`` `{swift} expr` ``) that showed a value
    /// is replaced by that value as plain text; leave it off when writing over the notes
    /// themselves (`--in-place`), which must keep their expressions.
    public func write(notebook: Notebook, run: NotebookRun, showsInlineValues: Bool = false) -> Result {
        var lines = notebook.sourceLines
        if showsInlineValues {
            lines = InlineExpression.substituting(
                notebook.inlineExpressions, texts: run.inlineValueTexts, in: lines.map(String.init), firstLine: 1
            ).map { Substring($0) }
        }
        var removed = Set<Int>()
        for region in GeneratedOutputRegion.regions(in: lines) {
            removed.formUnion(region)
            if region.lowerBound > 0, lines[region.lowerBound - 1].allSatisfy(\.isWhitespace) {
                removed.insert(region.lowerBound - 1)
            }
        }
        let runs = Dictionary(run.cells.map { ($0.ordinal, $0) }, uniquingKeysWith: { first, _ in first })
        var insertions: [Int: String] = [:]
        var images: [(path: String, contents: Data)] = []
        for cell in notebook.codeCells {
            guard let cellRun = runs[cell.ordinal], cell.options.output || isFailure(cellRun.status) else { continue }
            var blocks = MarkdownOutputBlocks(imageFolder: imageFolder, cell: cell)
            let body = blocks.markdown(for: cellRun, showsOutputs: cell.options.output)
            guard !body.isEmpty else { continue }
            images += blocks.images
            // A blank line before the end marker closes a table or list that ends the outputs.
            let region = GeneratedOutputRegion.beginMarker + "\n" + body + "\n\n" + GeneratedOutputRegion.endMarker
            insertions[min(cell.range.endLine, lines.count) - 1] = region
        }
        var output: [String] = []
        for (index, line) in lines.enumerated() {
            if !removed.contains(index) { output.append(String(line)) }
            if let region = insertions[index] {
                output.append("")
                output.append(region)
            }
        }
        return Result(markdown: output.joined(separator: "\n"), images: images)
    }

    private func isFailure(_ status: CellStatus) -> Bool {
        switch status {
        case .failed, .expectedFailure: true
        default: false
        }
    }
}
