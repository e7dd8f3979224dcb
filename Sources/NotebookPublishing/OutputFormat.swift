import Foundation
import NotebookDocument
import NotebookExecution
import NotebookReport

/// What a render writes for each notebook: the HTML report (the default), or another format that
/// a module above this one provides (a Jupyter notebook, Markdown with outputs).
public struct OutputFormat: Sendable {
    /// Everything a writer gets: the notebook, its run, where to write and the report options.
    public struct Job: Sendable {
        /// The parsed notebook.
        public var notebook: Notebook
        /// What its cells did.
        public var run: NotebookRun
        /// The file to write.
        public var destination: String
        /// The report options, with ``ReportOptions/baseDirectory`` set to the notebook's folder.
        public var reportOptions: ReportOptions
    }

    /// The file name ending that replaces the notebook's `.md` (`html`, `ipynb`, `out.md`).
    public var fileExtension: String
    /// Writes the file (atomically) and returns the warnings to show.
    public var write: @Sendable (Job) throws -> [ReportWarning]

    /// Creates a format.
    public init(fileExtension: String, write: @escaping @Sendable (Job) throws -> [ReportWarning]) {
        self.fileExtension = fileExtension
        self.write = write
    }

    /// The self-contained HTML report.
    public static let html = OutputFormat(fileExtension: "html") { job in
        let report = ReportRenderer.render(notebook: job.notebook, run: job.run, options: job.reportOptions)
        // A re-render from the cache usually produces the same page: leave the file alone.
        let unchanged =
            FileManager.default.contents(atPath: job.destination).map { $0.elementsEqual(report.html.utf8) } ?? false
        if !unchanged { try AtomicFile.write(report.html, to: job.destination) }
        return report.warnings
    }
}

extension RenderPipeline {
    /// Where the output of `input` goes: `outputFolder/relative/stem<suffix>.<extension>`, or next
    /// to the notebook. `suffix` tells sweep variants apart (`.attention-dot`).
    public func destination(
        for input: NotebookDiscovery.Input, outputFolder: String?, fileExtension: String, suffix: String = ""
    ) -> String {
        let source = outputFolder.map { $0 + "/" + input.relativePath } ?? input.path
        let url = URL(fileURLWithPath: source)
        let stem = url.pathExtension.isEmpty ? source : String(source.dropLast(url.pathExtension.count + 1))
        return stem + suffix + "." + fileExtension
    }
}
