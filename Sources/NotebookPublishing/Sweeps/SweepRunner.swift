import Dispatch
import Foundation
import NotebookDocument
import NotebookExecution
import NotebookReport

/// `render --sweep name=a,b,c [--sweep other=x,y]`: runs one notebook once per point of the
/// grid (as `-p name=a -p other=x` would), up to `jobs` at a time, writes one report per point
/// (`notes.name-a.other-x.html`) and the comparison page `notes.name.other.sweep.html`.
public struct SweepRunner: Sendable {
    /// What a sweep came to.
    public struct Result: Sendable {
        /// One outcome per point, in the grid's order.
        public var outcomes: [RenderOutcome]
        /// The comparison page's path.
        public var comparisonPath: String
        /// Why the comparison page could not be written (nil: it was, or the notebook is invalid).
        public var comparisonError: AtomicFile.WriteError?
    }

    /// The pipeline each point runs through.
    public var pipeline: RenderPipeline
    /// How many points run at once.
    public var jobs: Int
    /// The folder reports go into (nil: next to the notebook).
    public var outputFolder: String?

    /// Creates a sweep runner.
    public init(pipeline: RenderPipeline, jobs: Int, outputFolder: String?) {
        self.pipeline = pipeline
        self.jobs = jobs
        self.outputFolder = outputFolder
    }

    /// Renders one report per point of `grid`, then the comparison page.
    public func run(input: NotebookDiscovery.Input, grid: SweepGrid) -> Result {
        let points = grid.points
        let results = OutcomeTable(count: points.count)
        let slots = DispatchSemaphore(value: max(jobs, 1))
        DispatchQueue.concurrentPerform(iterations: points.count) { index in
            slots.wait()
            defer { slots.signal() }
            let point = points[index]
            var variant = pipeline
            variant.options.parameterOverrides += point.assignments.map { ($0.name, $0.value) }
            let label = "\(input.relativePath) [\(point.description)]"
            variant.progress = { [pipeline] _ in pipeline.progress(label) }
            let destination = pipeline.destination(
                for: input, outputFolder: outputFolder, fileExtension: "html", suffix: point.fileSuffix)
            results.set(index, variant.render(input, to: destination, outputFolder: outputFolder))
        }
        let outcomes = results.values
        let comparison = pipeline.destination(
            for: input, outputFolder: outputFolder, fileExtension: "sweep.html", suffix: grid.comparisonSuffix)
        var result = Result(outcomes: outcomes, comparisonPath: comparison, comparisonError: nil)
        let variants = zip(points, outcomes).map { point, outcome in
            SweepVariant(
                value: point.label, run: outcome.run,
                reportLink: outcome.run == nil ? nil : URL(fileURLWithPath: outcome.reportPath).lastPathComponent,
                problem: Self.problem(outcome))
        }
        if let notebook = try? NotebookParser.parse(fileAt: input.path) {
            do {
                try Self.writeComparison(
                    notebook: notebook, grid: grid, variants: variants, to: comparison,
                    options: pipeline.reportOptions(for: notebook))
                pipeline.log(.info("\(comparison): comparison of \(points.count) runs"))
            } catch {
                pipeline.log(.error(error.description))
                result.comparisonError = error
            }
        }
        return result
    }

    /// Writes the comparison page of `variants` (one per point of `grid`, in its order).
    static func writeComparison(
        notebook: Notebook, grid: SweepGrid, variants: [SweepVariant], to path: String, options: ReportOptions
    ) throws(AtomicFile.WriteError) {
        let page = SweepPage(options: options).render(notebook: notebook, parameter: grid.label, variants: variants)
        try AtomicFile.write(page.html, to: path)
    }

    private static func problem(_ outcome: RenderOutcome) -> String? {
        switch outcome.result {
        case .rendered: nil
        case .failed(let error): error.description
        }
    }
}
