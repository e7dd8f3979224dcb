import NotebookDocument

/// Renders a notebook and its run as one self-contained HTML5 report.
///
/// The page inlines its style sheet, charts (SVG), math (MathML) and local images (`data:` URLs),
/// so it works offline and makes no request (remote images linked from the notes aside). Every
/// piece of text from the notes, the cells or their outputs is escaped; the prose's raw HTML goes
/// through an allowlist sanitiser; a Content-Security-Policy allows only the report's own script.
public struct ReportRenderer: Sendable {
    /// How reports are rendered.
    public var options: ReportOptions

    /// Creates a renderer.
    public init(options: ReportOptions = ReportOptions()) {
        self.options = options
    }

    /// Renders `notebook` with the outputs of `run`.
    public func render(notebook: Notebook, run: NotebookRun) -> RenderedReport {
        let cellAnchors = notebook.codeCells.map(\.anchor)
        let context = RenderContext(
            options: options, notebookPath: notebook.path, reservedAnchors: cellAnchors,
            inlineResults: run.inlineResults)
        let runs = Dictionary(run.cells.map { ($0.ordinal, $0) }, uniquingKeysWith: { first, _ in first })

        var body: [HTMLNode] = []
        for block in notebook.blocks {
            switch block {
            case .prose(let prose):
                body.append(
                    .element(
                        "div", class: "prose",
                        [
                            ProseRenderer.node(
                                prose, linkReferenceDefinitions: notebook.linkReferenceDefinitions, context: context)
                        ]))
            case .code(let cell):
                body.append(CellView.node(cell, run: runs[cell.ordinal], context: context))
            }
            body.append("\n")
        }
        let firstHeadingIsTitle =
            notebook.frontMatter.title == nil
            && context.headings.first.map { $0.level == 1 && $0.text == notebook.title } == true
        let header = ReportHeader.node(
            notebook: notebook, run: run, showsTitle: !firstHeadingIsTitle, context: context)
        let contents = options.showsTableOfContents ? TableOfContents.node(context.headings) : .empty
        let html = ReportPage.html(
            title: notebook.title, contents: contents, main: .fragment([header] + body), generator: options.generator,
            additions: options.pageAdditions, needsAttentionExplorer: context.needsAttentionExplorer)
        return RenderedReport(html: html, warnings: context.warnings)
    }

    /// Renders `notebook` with the outputs of `run` using `options`.
    public static func render(notebook: Notebook, run: NotebookRun, options: ReportOptions) -> RenderedReport {
        ReportRenderer(options: options).render(notebook: notebook, run: run)
    }
}
