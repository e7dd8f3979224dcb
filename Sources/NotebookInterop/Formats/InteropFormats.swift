import Foundation
import NotebookDocument
import NotebookExecution
import NotebookOutput
import NotebookPublishing

extension OutputFormat {
    /// A Jupyter notebook (nbformat 4.5) with the run's outputs: `notes.ipynb`.
    public static let ipynb = OutputFormat(fileExtension: "ipynb") { job in
        try AtomicFile.write(JupyterExporter.export(job.notebook, run: job.run), to: job.destination)
        return []
    }

    /// The notebook's Markdown with the outputs under each cell and the inline expressions'
    /// values in the prose: `notes.out.md` (or the notebook itself when the caller's destination
    /// is the source file: its inline expressions are then kept), chart images in
    /// `notes.out_files/`. Image files of earlier runs that no output links to any more are removed.
    public static let markdown = OutputFormat(fileExtension: "out.md") { job in
        let folderName = MarkdownOutputWriter.imageFolder(forMarkdownAt: job.destination)
        let inPlace =
            URL(fileURLWithPath: job.destination).standardizedFileURL.path
            == URL(fileURLWithPath: job.notebook.path).standardizedFileURL.path
        let result = MarkdownOutputWriter(imageFolder: folderName).write(
            notebook: job.notebook, run: job.run, showsInlineValues: !inPlace)
        let base = URL(fileURLWithPath: job.destination).deletingLastPathComponent().path
        for image in result.images {
            try AtomicFile.write(image.contents, to: base + "/" + image.path)
        }
        let folder = base + "/" + folderName
        let kept = Set(result.images.map { ($0.path as NSString).lastPathComponent })
        if let names = try? FileManager.default.contentsOfDirectory(atPath: folder) {
            let imageExtensions = Set(NotebookImage.Format.allCases.map(\.fileExtension))
            for name in names where imageExtensions.contains((name as NSString).pathExtension) && !kept.contains(name) {
                try? FileManager.default.removeItem(atPath: folder + "/" + name)
            }
            if kept.isEmpty, (try? FileManager.default.contentsOfDirectory(atPath: folder))?.isEmpty == true {
                try? FileManager.default.removeItem(atPath: folder)
            }
        }
        try AtomicFile.write(result.markdown, to: job.destination)
        return []
    }
}
