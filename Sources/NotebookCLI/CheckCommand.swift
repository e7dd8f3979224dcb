import ArgumentParser
import Foundation
import NotebookDocument
import NotebookExecution
import NotebookReport

/// `notebook check`: parse and compile notebooks without running them.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Parse and compile notebooks without running any cell; print the problems found.")

    @Argument(help: "Markdown notebooks, or folders of them.")
    var paths: [String]

    @Option(
        name: [.customShort("p"), .customLong("param")],
        help: ArgumentHelp("Set a notebook parameter (repeatable).", valueName: "name=value"))
    var parameters: [String] = []

    @Flag(help: "Also print compiler warnings.")
    var warnings = false

    func run() throws {
        let inputs: [NotebookDiscovery.Input]
        do {
            inputs = try NotebookDiscovery.inputs(paths, excluding: nil)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitStatus.invalidInput
        }
        let overrides = try RunOptions.parse(parameters.flatMap { ["-p", $0] }).parsedParameters()
        let toolchain: NotebookToolchain
        do {
            toolchain = try NotebookToolchain.locate()
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode.failure
        }
        let executor = NotebookExecutor(toolchain: toolchain)
        var invalid = false
        var failing = false
        for input in inputs {
            let notebook: Notebook
            do {
                notebook = try NotebookParser.parse(fileAt: input.path)
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                invalid = true
                continue
            }
            do {
                let diagnostics = try executor.check(notebook, parameterOverrides: overrides)
                for diagnostic in diagnostics where diagnostic.severity == .error || warnings {
                    FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
                    for note in diagnostic.notes { FileHandle.standardError.write(Data("\(note)\n".utf8)) }
                }
                if diagnostics.contains(where: { $0.severity == .error }) { failing = true }
            } catch let error as ParameterError {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitStatus.usage
            }
        }
        if invalid { throw ExitStatus.invalidInput }
        if failing { throw ExitStatus.cellFailed }
        print("\(inputs.count) notebook\(inputs.count == 1 ? "" : "s") checked: no errors")
    }
}
