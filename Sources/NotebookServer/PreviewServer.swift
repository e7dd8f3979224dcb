import Foundation
import Hummingbird
import NotebookDocument
import NotebookExecution
import NotebookPublishing
import NotebookReport

/// `notebook serve`: serves the reports of a folder of notebooks on a local port, renders each on
/// first request, renders it again when its file changes (polled every `pollInterval`), and makes
/// open pages reload themselves.
///
/// Routes: `/` lists the notebooks; `/sub/notes.html` is the report of `sub/notes.md` (or an
/// error page, escaped, when it does not render; the server keeps running); `/__version?path=`
/// is the page's current version, which the page polls. A path that leaves the folder (`..`) is
/// refused with 403.
public struct PreviewServer: Sendable {
    /// The folder whose notebooks are served.
    public var root: String
    /// The address to listen on (`127.0.0.1`).
    public var host: String
    /// The port (0: any free port; the actual port goes to `onStart`).
    public var port: Int
    /// The compiler and runtime.
    public var toolchain: NotebookToolchain
    /// How notebooks run.
    public var options: ExecutionOptions
    /// How reports look.
    public var reportOptions: ReportOptions
    /// How often files are checked for changes.
    public var pollInterval: Duration
    /// Receives one line per render and the address once serving.
    public var log: @Sendable (String) -> Void

    /// Creates a server.
    public init(
        root: String, host: String = "127.0.0.1", port: Int = 8000, toolchain: NotebookToolchain,
        options: ExecutionOptions, reportOptions: ReportOptions = ReportOptions(),
        pollInterval: Duration = .milliseconds(500), log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.root = root
        self.host = host
        self.port = port
        self.toolchain = toolchain
        self.options = options
        self.reportOptions = reportOptions
        self.pollInterval = pollInterval
        self.log = log
    }

    /// Serves until the process gets SIGINT or SIGTERM. `onStart` gets the bound port.
    public func run(onStart: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let store = ReportStore(renderer: { [self] path, version in render(path, version: version) }, log: log)
        let router = Router()
        let handler = RequestHandler(server: self, store: store)
        router.get("/") { request, _ in await handler.respond(to: request) }
        router.get("**") { request, _ in await handler.respond(to: request) }
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "notebook"),
            onServerRunning: { channel in onStart(channel.localAddress?.port ?? port) })
        let poller = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: pollInterval)
                await store.refreshChanged()
            }
        }
        defer { poller.cancel() }
        try await app.runService()
    }

    /// The served notebooks, relative to the root, in order.
    func notebooks() -> [NotebookDiscovery.Input] {
        (try? NotebookDiscovery.inputs([root], excluding: nil)) ?? []
    }

    /// Parses, runs and renders one notebook into the page of `version` (a report or an error page,
    /// both with the live preview's reload script), through the same pipeline as `notebook render`.
    func render(_ path: String, version: Int) -> (html: String, title: String, status: PageStatus) {
        let additions = PageAdditions.liveReload(version: version)
        var reportOptions = self.reportOptions
        reportOptions.pageAdditions = additions
        let pipeline = RenderPipeline(toolchain: toolchain, options: options, reportOptions: reportOptions)
        let executed: ExecutedNotebook
        do {
            executed = try pipeline.execute(path)
        } catch {
            // A notebook that parses but cannot run keeps its title on the error page.
            let name = (path as NSString).lastPathComponent
            let title = if case .invalid = error { name } else { (try? NotebookParser.parse(fileAt: path).title) ?? name }
            let page = ServedPage.errorPage(
                title: title, message: error.description, generator: reportOptions.generator, additions: additions)
            return (page, title, .error(error.description))
        }
        let report = pipeline.report(executed)
        for warning in report.warnings { log(warning.description) }
        let run = executed.run
        let status: PageStatus = run.succeeded ? .ok : .failedCells(run.failedCells.count)
        return (report.html, executed.notebook.title, status)
    }
}
