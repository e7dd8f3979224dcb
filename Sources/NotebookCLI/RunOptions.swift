import ArgumentParser
import NotebookExecution

/// Options shared by the commands that run notebooks.
struct RunOptions: ParsableArguments {
    @Option(
        name: [.customShort("p"), .customLong("param")],
        help: ArgumentHelp("Set a notebook parameter (repeatable).", valueName: "name=value"))
    var parameters: [String] = []

    @Option(help: ArgumentHelp("Time limit per notebook, in seconds.", valueName: "seconds"))
    var timeout: Double = 600

    @Option(help: ArgumentHelp("Default time limit per cell, in seconds.", valueName: "seconds"))
    var cellTimeout: Double?

    @Option(help: ArgumentHelp("Memory limit of each notebook process, in MiB.", valueName: "MiB"))
    var memoryLimit: Int?

    @Option(help: ArgumentHelp("Largest file a notebook process may write, in MiB (default 1024).", valueName: "MiB"))
    var fileSizeLimit: Int?

    @Option(
        help: ArgumentHelp(
            "Most processes and threads a notebook may run at once (default \(ExecutionLimits.defaultProcessLimit)).",
            valueName: "count"))
    var processLimit: Int?

    func validate() throws {
        _ = try parsedParameters()
        if let problem = ExecutionLimits.problem(seconds: timeout, flag: "--timeout") { throw ValidationError(problem) }
        if let cellTimeout, let problem = ExecutionLimits.problem(seconds: cellTimeout, flag: "--cell-timeout") {
            throw ValidationError(problem)
        }
        if let memoryLimit, let problem = ExecutionLimits.problem(memoryMiB: memoryLimit) {
            throw ValidationError(problem)
        }
        if let processLimit, let problem = ExecutionLimits.problem(processLimit: processLimit) {
            throw ValidationError(problem)
        }
        if let fileSizeLimit, !ExecutionLimits.fileSizeMiB.contains(fileSizeLimit) {
            throw ValidationError(
                "--file-size-limit must be from 1 to \(ExecutionLimits.fileSizeMiB.upperBound) (MiB), not \(fileSizeLimit)"
            )
        }
    }

    /// The `-p` values as (name, value) pairs.
    func parsedParameters() throws -> [(name: String, value: String)] {
        try parameters.map { text in
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw ValidationError("-p expects name=value, got '\(text)'")
            }
            return (String(text[..<equals]), String(text[text.index(after: equals)...]))
        }
    }

    /// The execution options these flags describe.
    func executionOptions() throws -> ExecutionOptions {
        var options = ExecutionOptions()
        options.parameterOverrides = try parsedParameters()
        options.timeout = timeout
        options.cellTimeout = cellTimeout
        options.memoryLimitBytes = memoryLimit.map { $0 << 20 }
        if let fileSizeLimit { options.fileSizeLimitBytes = fileSizeLimit << 20 }
        if let processLimit { options.processLimit = processLimit }
        return options
    }
}
