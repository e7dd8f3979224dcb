import Dispatch
import Foundation
import NotebookDocument
import NotebookExecution
import NotebookReport

/// `render --sweep name=a,b,c`: runs one notebook once per value (as `-p name=value` would), up
/// to `jobs` at a time, writes one report per value (`notes.name-a.html`) and the comparison page
/// `notes.sweep.html`.
public struct SweepRunner: Sendable {
    /// A parsed `--sweep` argument: one parameter and the values it takes.
    public struct Sweep: Sendable, Equatable {
        /// The parameter's name.
        public var name: String
        /// Its values, distinct and not empty, as typed.
        public var values: [String]

        /// Creates a sweep.
        public init(name: String, values: [String]) {
            self.name = name
            self.values = values
        }
    }

    /// A `--sweep` argument that is not `name=v1,v2,...`.
    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        /// What is wrong with the argument.
        public var description: String
    }

    /// What a sweep came to.
    public struct Result: Sendable {
        /// One outcome per value, in the order of the values.
        public var outcomes: [RenderOutcome]
        /// The comparison page's path.
        public var comparisonPath: String
        /// Why the comparison page could not be written (nil: it was, or the notebook is invalid).
        public var comparisonError: AtomicFile.WriteError?
    }

    /// The pipeline each value runs through.
    public var pipeline: RenderPipeline
    /// How many values run at once.
    public var jobs: Int
    /// The folder reports go into (nil: next to the notebook).
    public var outputFolder: String?

    /// Creates a sweep runner.
    public init(pipeline: RenderPipeline, jobs: Int, outputFolder: String?) {
        self.pipeline = pipeline
        self.jobs = jobs
        self.outputFolder = outputFolder
    }

    /// Parses `name=v1,v2,...` (values are distinct and not empty).
    public static func parse(_ text: String) throws(SyntaxError) -> Sweep {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw SyntaxError(description: "--sweep expects name=value1,value2,..., got '\(text)'")
        }
        let name = String(text[..<equals])
        let values = text[text.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !values.isEmpty, values.allSatisfy({ !$0.isEmpty }) else {
            throw SyntaxError(description: "--sweep \(name)= needs a comma-separated list of values, none empty")
        }
        guard Set(values).count == values.count else { throw SyntaxError(description: "--sweep lists a value twice") }
        return Sweep(name: name, values: values)
    }

    /// The file name part for one value: `.attention-dot` (characters unsafe in file names as `_`).
    public static func suffix(name: String, value: String) -> String {
        let safe = { (text: String) in
            String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
        }
        return "." + safe(name) + "-" + safe(value)
    }

    /// Renders one report per value of `sweep`, then the comparison page.
    public func run(input: NotebookDiscovery.Input, sweep: Sweep) -> Result {
        let results = OutcomeTable(count: sweep.values.count)
        let slots = DispatchSemaphore(value: max(jobs, 1))
        DispatchQueue.concurrentPerform(iterations: sweep.values.count) { index in
            slots.wait()
            defer { slots.signal() }
            let value = sweep.values[index]
            var variant = pipeline
            variant.options.parameterOverrides.append((sweep.name, value))
            let label = "\(input.relativePath) [\(sweep.name)=\(value)]"
            variant.progress = { [pipeline] _ in pipeline.progress(label) }
            let destination = pipeline.destination(
                for: input, outputFolder: outputFolder, fileExtension: "html", suffix: Self.suffix(name: sweep.name, value: value))
            results.set(index, variant.render(input, to: destination, outputFolder: outputFolder))
        }
        let outcomes = results.values
        let comparison = pipeline.destination(for: input, outputFolder: outputFolder, fileExtension: "sweep.html")
        var result = Result(outcomes: outcomes, comparisonPath: comparison, comparisonError: nil)
        let variants = zip(sweep.values, outcomes).map { value, outcome in
            SweepVariant(
                value: value, run: outcome.run,
                reportLink: outcome.run == nil ? nil : URL(fileURLWithPath: outcome.reportPath).lastPathComponent,
                problem: Self.problem(outcome))
        }
        if let notebook = try? NotebookParser.parse(fileAt: input.path) {
            let page = SweepPage(options: pipeline.reportOptions(for: notebook))
                .render(notebook: notebook, parameter: sweep.name, variants: variants)
            do {
                try AtomicFile.write(page.html, to: comparison)
                pipeline.log(.info("\(comparison): comparison of \(sweep.values.count) runs"))
            } catch {
                pipeline.log(.error(error.description))
                result.comparisonError = error
            }
        }
        return result
    }

    private static func problem(_ outcome: RenderOutcome) -> String? {
        switch outcome.result {
        case .rendered: nil
        case .failed(let error): error.description
        }
    }
}
