import ArgumentParser
import Dispatch
import Foundation
import NotebookDocument
import NotebookExecution
import NotebookReport

/// `render --sweep name=a,b,c`: runs one notebook once per value (as `-p name=value` would), up
/// to `jobs` at a time, writes one report per value (`notes.name-a.html`) and the comparison page
/// `notes.sweep.html`.
struct SweepRunner {
    /// A parsed `--sweep` argument.
    struct Sweep: Equatable {
        var name: String
        var values: [String]
    }

    var pipeline: RenderPipeline
    var console: Console
    var jobs: Int
    var outputFolder: String?

    /// Parses `name=v1,v2,...` (values are distinct and not empty).
    static func parse(_ text: String) throws -> Sweep {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw ValidationError("--sweep expects name=value1,value2,..., got '\(text)'")
        }
        let name = String(text[..<equals])
        let values = text[text.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !values.isEmpty, values.allSatisfy({ !$0.isEmpty }) else {
            throw ValidationError("--sweep \(name)= needs a comma-separated list of values, none empty")
        }
        guard Set(values).count == values.count else { throw ValidationError("--sweep lists a value twice") }
        return Sweep(name: name, values: values)
    }

    /// The file name part for one value: `.attention-dot` (characters unsafe in file names as `_`).
    static func suffix(name: String, value: String) -> String {
        let safe = { (text: String) in
            String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
        }
        return "." + safe(name) + "-" + safe(value)
    }

    func run(input: NotebookDiscovery.Input, sweep: Sweep) throws {
        let results = OutcomeTable(count: sweep.values.count)
        let slots = DispatchSemaphore(value: max(jobs, 1))
        DispatchQueue.concurrentPerform(iterations: sweep.values.count) { index in
            slots.wait()
            defer { slots.signal() }
            let value = sweep.values[index]
            var variant = pipeline
            variant.options.parameterOverrides.append((sweep.name, value))
            let label = "\(input.relativePath) [\(sweep.name)=\(value)]"
            variant.progress = { [console] _ in console.progressHandler(for: label) }
            let destination = pipeline.destination(
                for: input, outputFolder: outputFolder, fileExtension: "html", suffix: Self.suffix(name: sweep.name, value: value))
            results.set(index, variant.render(input, to: destination, outputFolder: outputFolder))
        }
        let outcomes = results.values
        let comparison = pipeline.destination(for: input, outputFolder: outputFolder, fileExtension: "sweep.html")
        let variants = zip(sweep.values, outcomes).map { value, outcome in
            SweepVariant(
                value: value, run: outcome.run,
                reportLink: outcome.run == nil ? nil : URL(fileURLWithPath: outcome.reportPath).lastPathComponent,
                problem: Self.problem(outcome))
        }
        if let notebook = try? NotebookParser.parse(fileAt: input.path) {
            var options = pipeline.reportOptions
            options.baseDirectory = URL(fileURLWithPath: input.path).deletingLastPathComponent().path
            let page = SweepPage(options: options).render(notebook: notebook, parameter: sweep.name, variants: variants)
            do {
                try AtomicFile.write(page.html, to: comparison)
                console.info("\(comparison): comparison of \(sweep.values.count) runs")
            } catch {
                console.error(error.description)
                throw ExitStatus.cannotWrite
            }
        }
        try ExitStatus.check(outcomes)
    }

    private static func problem(_ outcome: RenderOutcome) -> String? {
        switch outcome.result {
        case .rendered: nil
        case .invalid(let message), .badParameter(let message), .unwritable(let message): message
        }
    }
}
