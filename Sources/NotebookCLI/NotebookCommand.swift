import ArgumentParser

/// `notebook`: runs Markdown study notes with Swift cells and renders them as reports.
@main
struct NotebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notebook",
        abstract: "Run Markdown notebooks with Swift cells and render self-contained HTML reports.",
        discussion: """
            Exit status: 0 when every cell ran, 1 when a cell failed, 64 for bad usage, \
            65 for an unreadable or invalid notebook.
            """,
        subcommands: [
            RenderCommand.self, CheckCommand.self, ExportCommand.self, ImportCommand.self, ServeCommand.self,
            SweepCommand.self,
        ])
}
