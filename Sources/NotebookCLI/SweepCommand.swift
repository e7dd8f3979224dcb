import ArgumentParser
import Foundation
import NotebookDocument
import NotebookPublishing
import NotebookReport

/// `notebook sweep`: work with sweeps that ran elsewhere.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Work with sweeps planned with `render --sweep ... --plan`.",
        subcommands: [CollectCommand.self])

    /// `notebook sweep collect RESULTS`.
    struct CollectCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "collect",
            abstract: "Build a planned sweep's reports and comparison page from the results its commands wrote.",
            discussion: """
                Reads RESULTS/sweep.json (written by `render --sweep ... --plan FILE --results RESULTS`) and \
                every result beside it, wherever it ran, and writes one report per point and the comparison page (notes.attention.seed.sweep.html). \
                Points without a usable result are listed on the page and here with the line of the plan \
                that runs them. Exit status: 0 when every point ran cleanly, 1 when a point failed or is \
                missing, 65 for an unusable plan, 73 when a page cannot be written.
                """)

        @Argument(help: ArgumentHelp("The results folder of the plan.", valueName: "results"))
        var resultsFolder: String

        @Option(
            name: .shortAndLong,
            help: ArgumentHelp("Where to write the pages (default: the results folder).", valueName: "folder"))
        var out: String?

        @Flag(name: .shortAndLong, help: "Print only errors and warnings.")
        var quiet = false

        func run() throws {
            let console = Console(quiet: quiet)
            let collector = SweepCollector(
                resultsFolder: resultsFolder, outputFolder: out ?? resultsFolder,
                reportOptions: ReportOptions(generator: "notebook \(NotebookVersion.current)"))
            let summary: SweepCollector.Summary
            do {
                summary = try collector.collect()
            } catch {
                console.error(error.description)
                switch error {
                case .manifest, .notebook: throw ExitCode(.invalidInput)
                case .write: throw ExitCode(.cannotWrite)
                }
            }
            var missing = 0
            var failed = 0
            for (index, entry) in summary.points.enumerated() {
                switch entry.state {
                case .succeeded: break
                case .failed(let failures):
                    failed += 1
                    console.error(
                        "\(entry.planned.point.description): error: \(failures.description) failed (see its report)")
                case .missing:
                    missing += 1
                    console.error(
                        "\(entry.planned.point.description): missing: line \(index + 1) of the plan runs it: \(entry.planned.command)"
                    )
                case .unusable(let reason):
                    missing += 1
                    console.error(reason)
                }
            }
            let total = summary.points.count
            console.info(
                "\(summary.comparisonPath): \(total - missing) of \(total) points collected, \(failed) with failed cells"
            )
            if !summary.complete { throw ExitCode(.cellFailed) }
        }
    }
}
