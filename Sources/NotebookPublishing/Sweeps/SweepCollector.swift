import Foundation
import NotebookDocument
import NotebookExecution
import NotebookReport

/// `notebook sweep collect RESULTS`: builds a sweep's reports and comparison page from the
/// results its plan's commands wrote, wherever they ran. Every planned point appears on the
/// page: a point without a usable result is listed with the reason and its command, never dropped.
public struct SweepCollector: Sendable {
    /// What became of one planned point.
    public enum PointState: Sendable {
        /// Its result is here and every cell ran, every inline expression showed its value.
        case succeeded
        /// Its result is here and these cells and inline expressions failed.
        case failed(RunFailures)
        /// No result yet.
        case missing
        /// A result file is here but cannot be used (the reason names the file).
        case unusable(String)
    }

    /// What collecting came to.
    public struct Summary: Sendable {
        /// Each planned point with its state, in the grid's order.
        public var points: [(planned: SweepManifest.PlannedPoint, state: PointState)]
        /// The comparison page's path.
        public var comparisonPath: String
        /// The reports written, one per point with a result.
        public var reportPaths: [String]

        /// Whether every point has a result in which every cell ran.
        public var complete: Bool {
            points.allSatisfy { if case .succeeded = $0.state { true } else { false } }
        }
    }

    /// The results folder (holds `sweep.json` and the results).
    public var resultsFolder: String
    /// Where the reports and the comparison page go.
    public var outputFolder: String
    /// How reports look.
    public var reportOptions: ReportOptions

    /// Creates a collector.
    public init(resultsFolder: String, outputFolder: String, reportOptions: ReportOptions = ReportOptions()) {
        self.resultsFolder = resultsFolder
        self.outputFolder = outputFolder
        self.reportOptions = reportOptions
    }

    /// Why collecting stopped before writing the comparison page.
    public enum CollectError: NotebookError {
        /// No usable manifest.
        case manifest(SweepManifest.ReadError)
        /// The planned notebook does not parse (the message names its line).
        case notebook(DocumentError)
        /// A page could not be written.
        case write(AtomicFile.WriteError)

        /// The error this one wraps.
        public var wrapped: any NotebookError {
            switch self {
            case .manifest(let error): error
            case .notebook(let error): error
            case .write(let error): error
            }
        }
        /// The wrapped error's location.
        public var location: SourceLocation? { wrapped.location }
        /// The wrapped error's message.
        public var message: String { wrapped.message }
        /// The wrapped error's hint.
        public var hint: String? { wrapped.hint }
        /// The wrapped error.
        public var underlyingError: (any Error)? { wrapped }
    }

    /// Reads the plan and every result, writes one report per point with a result
    /// (`notes.attention-dot.seed-1.html`) and the comparison page (`notes.attention.seed.sweep.html`).
    public func collect() throws(CollectError) -> Summary {
        let manifest: SweepManifest
        do {
            manifest = try SweepManifest.read(resultsFolder: resultsFolder)
        } catch {
            throw .manifest(error)
        }
        let notebook: Notebook
        do {
            notebook = try NotebookParser.parse(text: manifest.notebookSource, path: manifest.notebookPath)
        } catch {
            throw .notebook(error)
        }
        var options = reportOptions
        if options.baseDirectory == nil {
            options.baseDirectory = URL(fileURLWithPath: manifest.notebookPath).deletingLastPathComponent().path
        }
        let name = URL(fileURLWithPath: manifest.notebookPath).deletingPathExtension().lastPathComponent
        var states: [(SweepManifest.PlannedPoint, PointState)] = []
        var variants: [SweepVariant] = []
        var reports: [String] = []
        for (index, planned) in manifest.points.enumerated() {
            let path = resultsFolder + "/" + planned.resultFile
            guard FileManager.default.fileExists(atPath: path) else {
                states.append((planned, .missing))
                variants.append(
                    SweepVariant(
                        value: planned.point.label, run: nil, reportLink: nil,
                        problem: "not run yet: no \(planned.resultFile); line \(index + 1) of the plan runs it"))
                continue
            }
            let result: SweepPointResult
            do {
                result = try SweepPointResult.read(
                    from: path, notebookDigest: manifest.notebookDigest, parameters: planned.parameters)
            } catch {
                states.append((planned, .unusable(error.description)))
                variants.append(
                    SweepVariant(value: planned.point.label, run: nil, reportLink: nil, problem: error.reason))
                continue
            }
            let reportName = name + planned.point.fileSuffix + ".html"
            let report = ReportRenderer.render(notebook: notebook, run: result.run, options: options)
            do {
                try AtomicFile.write(report.html, to: outputFolder + "/" + reportName)
            } catch {
                throw .write(error)
            }
            reports.append(outputFolder + "/" + reportName)
            states.append((planned, result.run.succeeded ? .succeeded : .failed(RunFailures(result.run))))
            variants.append(SweepVariant(value: planned.point.label, run: result.run, reportLink: reportName))
        }
        let comparison = outputFolder + "/" + name + manifest.grid.comparisonSuffix + ".sweep.html"
        do {
            try SweepRunner.writeComparison(
                notebook: notebook, grid: manifest.grid, variants: variants, to: comparison, options: options)
        } catch {
            throw .write(error)
        }
        return Summary(points: states, comparisonPath: comparison, reportPaths: reports)
    }
}
