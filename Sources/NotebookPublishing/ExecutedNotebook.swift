import Dispatch
import Foundation
import NotebookDocument
import NotebookExecution
import NotebookReport

/// A notebook carried through the first two stages, parse and execute: what every output
/// format (the report, a Jupyter notebook, Markdown with outputs) is made from.
public struct ExecutedNotebook: Sendable {
    /// The parsed notebook.
    public var notebook: Notebook
    /// What its cells did.
    public var run: NotebookRun
    /// Time spent parsing, in seconds.
    public var parseSeconds: Double
    /// Time spent executing (compile included, see ``NotebookRun/compileSeconds``), in seconds.
    public var executeSeconds: Double
}

extension RenderPipeline {
    /// Parses the notebook at `path` and runs it with the pipeline's options; `progress` gets the
    /// run's events. With `onlyDeclaredParameters` (a notebook found in a folder), a `-p` the
    /// notebook does not declare is left out with a warning instead of failing the notebook.
    public func execute(
        _ path: String, progress: (@Sendable (ExecutionEvent) -> Void)? = nil, onlyDeclaredParameters: Bool = false
    ) throws(PublishingError) -> ExecutedNotebook {
        let parseStart = DispatchTime.now().uptimeNanoseconds
        let notebook: Notebook
        do {
            notebook = try NotebookParser.parse(fileAt: path)
        } catch {
            throw .invalid(error)
        }
        let executeStart = DispatchTime.now().uptimeNanoseconds
        var options = self.options
        options.onEvent = progress
        if onlyDeclaredParameters {
            let declared = Set(notebook.frontMatter.parameters.map(\.name))
            for (name, _) in options.parameterOverrides where !declared.contains(name) {
                log(
                    .error("\(path): warning: -p \(name) does not apply: this notebook declares no parameter '\(name)'")
                )
            }
            options.parameterOverrides.removeAll { !declared.contains($0.name) }
        }
        let run: NotebookRun
        do {
            run = try NotebookExecutor(toolchain: toolchain).run(notebook, options: options)
        } catch {
            throw PublishingError.classifying(error, path: path)
        }
        let end = DispatchTime.now().uptimeNanoseconds
        return ExecutedNotebook(
            notebook: notebook, run: run, parseSeconds: Double(executeStart - parseStart) / 1e9,
            executeSeconds: Double(end - executeStart) / 1e9)
    }

    /// The report options for one notebook: relative image paths resolve against its folder
    /// unless the pipeline names another.
    public func reportOptions(for notebook: Notebook) -> ReportOptions {
        var options = self.reportOptions
        if options.baseDirectory == nil {
            options.baseDirectory = URL(fileURLWithPath: notebook.path).deletingLastPathComponent().path
        }
        return options
    }

    /// The HTML report of an executed notebook, in memory.
    public func report(_ executed: ExecutedNotebook) -> RenderedReport {
        ReportRenderer.render(
            notebook: executed.notebook, run: executed.run, options: reportOptions(for: executed.notebook))
    }
}
