import ArgumentParser

/// `notebook`: runs Markdown study notes with Swift cells and renders them as reports.
@main
struct NotebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notebook",
        abstract: "Run Markdown notebooks with Swift cells and render self-contained HTML reports.",
        discussion: ExitStatus.helpSection,
        subcommands: [
            RenderCommand.self, CheckCommand.self, ExportCommand.self, ImportCommand.self, ServeCommand.self,
            SweepCommand.self, KernelCommand.self,
        ])
}
