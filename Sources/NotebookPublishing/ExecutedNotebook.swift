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

/// Why a notebook did not get through parse → execute.
public enum PublishingError: Error, Sendable, CustomStringConvertible {
    /// The notebook cannot be read or is invalid.
    case invalid(DocumentError)
    /// A `-p` parameter does not fit the notebook.
    case badParameter(ParameterError)
    /// The run could not start (the compiler cannot be launched, no temporary folder).
    case cannotRun(path: String, reason: String)

    /// `file:line: error: message`.
    public var description: String {
        switch self {
        case .invalid(let error): error.description
        case .badParameter(let error): error.description
        case .cannotRun(let path, let reason): "\(path): error: \(reason)"
        }
    }
}

extension RenderPipeline {
    /// Parses the notebook at `path` and runs it with the pipeline's options; `progress` gets the
    /// run's events.
    public func execute(
        _ path: String, progress: (@Sendable (ExecutionEvent) -> Void)? = nil
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
        let run: NotebookRun
        do {
            run = try NotebookExecutor(toolchain: toolchain).run(notebook, options: options)
        } catch let error as ParameterError {
            throw .badParameter(error)
        } catch {
            throw .cannotRun(path: path, reason: Self.reason(error))
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
        ReportRenderer.render(notebook: executed.notebook, run: executed.run, options: reportOptions(for: executed.notebook))
    }

    /// An error's message without a leading `error: ` (the caller adds its own).
    static func reason(_ error: any Error) -> String {
        let text = "\(error)"
        return text.hasPrefix("error: ") ? String(text.dropFirst("error: ".count)) : text
    }
}
