import ArgumentParser

/// `notebook export`: run notebooks and write them in another format (a Jupyter notebook by
/// default); the same as `render --to ipynb`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Run notebooks and write them as Jupyter notebooks (or --to md / html).",
        discussion: """
            notes.md → notes.ipynb (nbformat 4.5, Swift kernel, with the outputs of the run), \
            next to the notebook unless --out is given. Takes every option of 'render'.

            \(ExitStatus.helpSection)
            """)

    @OptionGroup var render: RenderCommand

    func run() throws {
        try render.render(defaultKind: .ipynb)
    }
}
