import ArgumentParser
import Foundation
import NotebookPublishing

extension RenderCommand {
    /// `--sweep ... --plan FILE --results DIR`: writes the plan and the results folder's manifest.
    func writePlan(grid: SweepGrid, input: NotebookDiscovery.Input, plan: String, results: String, console: Console)
        throws
    {
        let notebookPath = CommandSupport.absolutePath(input.path)
        guard let source = try? String(contentsOfFile: notebookPath, encoding: .utf8) else {
            console.error("\(notebookPath): error: cannot read the notebook as UTF-8 text")
            throw ExitCode(.invalidInput)
        }
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let planner = SweepPlan(
            notebookPath: notebookPath, grid: grid,
            fixedParameters: try runOptions.parsedParameters().map {
                ParameterAssignment(name: $0.name, value: $0.value)
            },
            resultsFolder: CommandSupport.absolutePath(results), executable: executable,
            runArguments: runOptions.forwardedArguments)
        let manifest: SweepManifest
        do {
            manifest = try planner.write(to: plan, notebookSource: source)
        } catch let error as SweepPlan.LineBreakError {
            console.error(error.description)
            throw ExitCode(.usage)
        } catch {
            console.error("\(error)")
            throw ExitCode(.cannotWrite)
        }
        console.info(
            "\(plan): \(manifest.points.count) commands, one per line; run them anywhere, e.g. "
                + "`parallel --jobs 2 < \(plan)`, then `notebook sweep collect \(results)`")
    }
}

extension RunOptions {
    /// The run limits as `render` arguments (not the `-p` settings), for planned commands.
    var forwardedArguments: [String] {
        var arguments = ["--timeout", String(timeout)]
        if let cellTimeout { arguments += ["--cell-timeout", String(cellTimeout)] }
        if let memoryLimit { arguments += ["--memory-limit", String(memoryLimit)] }
        if let fileSizeLimit { arguments += ["--file-size-limit", String(fileSizeLimit)] }
        if let processLimit { arguments += ["--process-limit", String(processLimit)] }
        return arguments
    }
}

extension CommandSupport {
    /// `path` made absolute against the current folder (and standardised).
    static func absolutePath(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath + "/"))
            .standardizedFileURL.path
    }
}
