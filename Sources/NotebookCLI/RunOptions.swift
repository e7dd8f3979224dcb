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

    func validate() throws {
        _ = try parsedParameters()
        guard timeout > 0 else { throw ValidationError("--timeout must be a positive number of seconds") }
        if let cellTimeout, cellTimeout <= 0 { throw ValidationError("--cell-timeout must be positive") }
        if let memoryLimit, memoryLimit < 64 { throw ValidationError("--memory-limit must be at least 64 (MiB)") }
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
        return options
    }
}
