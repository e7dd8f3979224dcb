import ArgumentParser
import Foundation
import NotebookDocument
import NotebookExecution
import NotebookPublishing
import NotebookReport

/// `notebook check`: parse and compile notebooks without running them.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Parse and compile notebooks without running any cell; print the problems found.",
        discussion: ExitStatus.helpSection)

    @Argument(help: "Markdown notebooks, or folders of them.")
    var paths: [String]

    @Option(
        name: [.customShort("p"), .customLong("param")],
        help: ArgumentHelp("Set a notebook parameter (repeatable).", valueName: "name=value"))
    var parameters: [String] = []

    @Flag(help: "Also print compiler warnings.")
    var warnings = false

    func run() throws {
        let inputs = try CommandSupport.inputs(paths, excluding: nil)
        let overrides = try RunOptions.parse(parameters.flatMap { ["-p", $0] }).parsedParameters()
        let toolchain = try CommandSupport.toolchain()
        let executor = NotebookExecutor(toolchain: toolchain)
        var invalid = false
        var failing = false
        for input in inputs {
            let notebook: Notebook
            do {
                notebook = try NotebookParser.parse(fileAt: input.path)
            } catch {
                CommandSupport.printError("\(error)")
                invalid = true
                continue
            }
            do {
                let diagnostics = try executor.check(notebook, parameterOverrides: overrides)
                for diagnostic in diagnostics where diagnostic.severity == .error || warnings {
                    CommandSupport.printError(diagnostic.description)
                    for note in diagnostic.notes { CommandSupport.printError(note.description) }
                }
                if diagnostics.contains(where: { $0.severity == .error }) { failing = true }
            } catch {
                let failure = PublishingError.classifying(error, path: input.path)
                CommandSupport.printError(failure.description)
                throw ExitCode(ExitStatus(failure))
            }
        }
        if invalid { throw ExitCode(.invalidInput) }
        if failing { throw ExitCode(.cellFailed) }
        print("\(inputs.count) notebook\(inputs.count == 1 ? "" : "s") checked: no errors")
    }
}
