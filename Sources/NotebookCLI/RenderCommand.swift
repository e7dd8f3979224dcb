import ArgumentParser
import Foundation
import NotebookDocument
import NotebookExecution
import NotebookPublishing
import NotebookReport

/// `notebook render`: run notebooks and write their HTML reports (or Markdown with outputs, or
/// Jupyter notebooks; or one report per value of a swept parameter and a comparison page).
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Run notebooks and write a self-contained HTML report for each.",
        discussion: """
            A single file is written next to the notebook (notes.md → notes.html) unless --out is given. \
            A folder renders every .md file below it into --out (default: the folder itself), \
            plus an index.html that lists every report with its status. \
            --to md writes notes.out.md (the notes with each cell's outputs under it; --in-place \
            writes them into notes.md itself), --to ipynb writes a Jupyter notebook. \
            --sweep name=a,b runs the notebook once per value and writes notes.name-a.html, \
            notes.name-b.html and notes.name.sweep.html, which lines up each cell's outputs across the values; \
            several --sweep options run every combination (--sweep attention=dot,general --sweep seed=1,2,3: \
            six runs). With --plan FILE --results DIR nothing runs here: FILE gets one shell command per \
            combination (for GNU parallel or a Slurm job array, see the README), each writing its result \
            into DIR, and `notebook sweep collect DIR` builds the reports and comparison page from them.

            \(ExitStatus.helpSection)
            """)

    @Argument(help: "Markdown notebooks, or folders of them.")
    var paths: [String]

    @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write reports into.", valueName: "folder"))
    var out: String?

    @OptionGroup var runOptions: RunOptions

    @Option(name: .shortAndLong, help: "How many notebooks to run at once (default: the number of cores).")
    var jobs: Int?

    /// `--jobs`, or one notebook per core.
    private var concurrentJobs: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

    @Flag(help: "Run every cell even when the cache holds the notebook's outputs.")
    var force = false

    @OptionGroup var cacheOptions: CacheOptions

    @Flag(name: .shortAndLong, help: "Print only errors and warnings.")
    var quiet = false

    @Option(
        help: ArgumentHelp(
            "The output format: html (report, the default), md (Markdown with outputs), ipynb (Jupyter).",
            valueName: "format"))
    var to: OutputKind?

    @Flag(help: "With --to md: write the outputs into the notebook itself, replacing earlier ones.")
    var inPlace = false

    @Option(
        help: ArgumentHelp(
            "Run once per value of a parameter and compare the runs (repeatable: every combination).",
            valueName: "name=v1,v2,..."))
    var sweep: [String] = []

    @Option(
        help: ArgumentHelp(
            "With --sweep: write one shell command per run into this file instead of running them.", valueName: "file"))
    var plan: String?

    @Option(
        help: ArgumentHelp(
            "With --plan: the folder the planned commands write their results into (shared by the machines).",
            valueName: "folder"))
    var results: String?

    @Option(
        help: ArgumentHelp(
            "Run one notebook and write its portable result into this folder instead of a report (what planned commands do).",
            valueName: "folder"))
    var saveResult: String?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        guard !paths.isEmpty else { throw ValidationError("name at least one notebook or folder") }
        try validateFormats()
    }

    func run() throws {
        try render(defaultKind: .html)
    }

    /// Renders in `to`, else in `defaultKind` (`export` defaults to ipynb).
    func render(defaultKind: OutputKind) throws {
        let kind = to ?? defaultKind
        if inPlace, kind != .md { throw ValidationError("--in-place works with --to md only") }
        ChildProcessRegistry.installSignalHandlers()
        // Ctrl-C exits 130 from the signal's clean-up, whatever this run then came to.
        defer { ChildProcessRegistry.waitForInterruptExit() }
        let inputs = try CommandSupport.inputs(paths, excluding: out)
        let toolchain = try CommandSupport.toolchain()
        var options = try runOptions.executionOptions()
        options.force = force
        options.cacheDirectory = cacheOptions.directory
        let console = Console(quiet: quiet)
        let pipeline = RenderPipeline(
            toolchain: toolchain, options: options,
            reportOptions: ReportOptions(generator: "notebook \(NotebookVersion.current)"),
            log: console.log, progress: console.progressHandler(for:))
        if !sweep.isEmpty {
            let grid = try parsedGrid()
            if let plan, let results {
                try writePlan(grid: grid, input: inputs[0], plan: plan, results: results, console: console)
                return
            }
            let result = SweepRunner(pipeline: pipeline, jobs: concurrentJobs, outputFolder: out).run(
                input: inputs[0], grid: grid)
            if result.comparisonError != nil { throw ExitCode(.cannotWrite) }
            try ExitStatus.check(result.outcomes)
            return
        }
        if let saveResult {
            try ExitStatus.check([pipeline.saveResult(inputs[0], into: CommandSupport.absolutePath(saveResult))])
            return
        }
        let outcomes = pipeline.renderAll(
            inputs, outputFolder: out, jobs: concurrentJobs, format: kind.format, inPlace: inPlace)
        if kind == .html, inputs.count > 1 || inputs.contains(where: { $0.root != nil }) {
            let folder = out ?? inputs.first?.root ?? "."
            do {
                try pipeline.writeIndex(outcomes, folder: folder)
            } catch {
                console.error("\(error)")
                throw ExitCode(.cannotWrite)
            }
        }
        try ExitStatus.check(outcomes)
    }
}

extension ExitStatus {
    /// The status of a notebook that was not published.
    init(_ error: PublishingError) {
        switch error {
        case .invalid: self = .invalidInput
        case .badParameter: self = .usage
        case .toolMissing: self = .toolMissing
        case .internalError: self = .internalError
        case .cannotWrite: self = .cannotWrite
        }
    }

    /// Maps the outcomes of a render to the exit status: the most urgent failure wins (a missing
    /// tool, an internal error, usage, invalid input, an unwritable output), then failed cells.
    static func check(_ outcomes: [RenderOutcome]) throws {
        let failures = outcomes.compactMap { if case .failed(let error) = $0.result { ExitStatus(error) } else { nil } }
        for status in [ExitStatus.toolMissing, .internalError, .usage, .invalidInput, .cannotWrite]
        where failures.contains(status) {
            throw ExitCode(status)
        }
        if outcomes.contains(where: { $0.run.map { !$0.succeeded } ?? false }) {
            throw ExitCode(.cellFailed)
        }
    }
}

/// The version shown in reports.
enum NotebookVersion {
    static let current = "0.1.0"
}
