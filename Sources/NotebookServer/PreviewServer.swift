import Foundation
import Hummingbird
import NotebookDocument
import NotebookExecution
import NotebookKernel
import NotebookPublishing
import NotebookReport

/// `notebook serve`: serves the reports of a folder of notebooks on a local port, renders each on
/// first request, renders it again when its file changes (polled every `pollInterval`), and makes
/// open pages reload themselves.
///
/// Each notebook runs in a live ``NotebookSession`` (the cell-at-a-time engine): after an edit,
/// only the cells from the first changed one run again, from the state the cells above left;
/// an edit of the prose runs nothing. While cells run, the page shows them marked stale.
///
/// Routes: `/` lists the notebooks; `/sub/notes.html` is the report of `sub/notes.md` (or an
/// error page, escaped, when it does not render; the server keeps running); `/__version?path=`
/// is the page's current version, which the page polls; `POST /__rerun?path=&cell=` runs the
/// cell with that anchor and every cell after it again (the page's "re-run from here" buttons).
/// A path that leaves the folder (`..`) is refused with 403. HEAD answers as GET, without the body.
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
    /// The notebooks' live sessions.
    private let sessions: KernelSessions

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
        sessions = KernelSessions(toolchain: toolchain, options: options, snapshotMemoryBudget: 1 << 30)
    }

    /// Serves until the task is cancelled (or, for the command, until SIGINT or SIGTERM: the
    /// command's handler ends the process at once, with every notebook process it started, even
    /// mid-render; a graceful shutdown would wait for the render). `onStart` gets the bound port.
    public func run(onStart: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        let store = ReportStore(
            renderer: { [self] path, version, anchor, interim in
                render(path, version: version, rerunningFrom: anchor, interim: interim)
            }, log: log)
        defer { sessions.shutdownAll() }
        let router = Router()
        let handler = RequestHandler(server: self, store: store)
        router.post("/__rerun") { request, _ in await handler.rerun(request) }
        router.get("/") { request, _ in await handler.respond(to: request) }
        router.get("**") { request, _ in await handler.respond(to: request) }
        // HEAD: the GET response's status and headers (its Content-Length included), no body.
        router.head("/") { request, _ in await handler.respond(to: request).createHeadResponse() }
        router.head("**") { request, _ in await handler.respond(to: request).createHeadResponse() }
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
        // No graceful shutdown on signals: it would wait for a render under way to finish.
        try await app.runService(gracefulShutdownSignals: [])
    }

    /// The served notebooks, relative to the root, in order: those whose real path (symbolic
    /// links resolved) lies inside the folder. The index lists exactly these and only these
    /// pages are served, so a link to a notebook elsewhere is neither listed nor run.
    func notebooks() -> [NotebookDiscovery.Input] {
        ((try? NotebookDiscovery.inputs([root], excluding: nil)) ?? []).filter {
            RequestPath.isInside($0.path, root: root)
        }
    }

    /// Parses one notebook, runs what changed since its last render in its session (from the cell
    /// with anchor `anchor` on, when given) and renders the page of `version` (a report or an error
    /// page, both with the live preview's reload script). `interim` gets the page with the stale
    /// cells marked, as the page of `version`, before they run; the final page is then `version + 1`.
    func render(
        _ path: String, version: Int, rerunningFrom anchor: String? = nil,
        interim: (ReportStore.Page) -> Void = { _ in }
    ) -> ReportStore.Page {
        let name = (path as NSString).lastPathComponent
        let notebook: Notebook
        do {
            notebook = try NotebookParser.parse(fileAt: path)
        } catch {
            let page = ServedPage.errorPage(
                title: name, message: error.description, generator: reportOptions.generator,
                additions: .liveReload(version: version))
            return (page, name, .error(error.description))
        }
        let session = sessions.session(for: path)
        let from = anchor.flatMap { anchor in notebook.codeCells.first { $0.anchor == anchor }?.ordinal }
        var pageVersion = version
        if let pending = session.pendingRun(notebook, rerunningFrom: from) {
            interim(page(notebook, run: pending, version: pageVersion))
            pageVersion += 1
        }
        let run: NotebookRun
        do {
            run = try session.run(notebook, rerunningFrom: from)
        } catch {
            let message = "\(error)"
            let page = ServedPage.errorPage(
                title: notebook.title, message: message, generator: reportOptions.generator,
                additions: .liveReload(version: pageVersion))
            return (page, notebook.title, .error(message))
        }
        let ran = session.lastExecutedCells.count
        log(
            "\(path): ran \(ran) of \(notebook.runnableCells.count) cells\(ran == 0 ? " (nothing changed in the code)" : "")"
        )
        return page(notebook, run: run, version: pageVersion)
    }

    private func page(_ notebook: Notebook, run: NotebookRun, version: Int) -> ReportStore.Page {
        var reportOptions = self.reportOptions
        reportOptions.pageAdditions = .liveReload(version: version)
        let pipeline = RenderPipeline(toolchain: toolchain, options: options, reportOptions: reportOptions)
        let report = ReportRenderer.render(notebook: notebook, run: run, options: pipeline.reportOptions(for: notebook))
        for warning in report.warnings { log(warning.description) }
        let status: PageStatus = run.succeeded ? .ok : .failed(RunFailures(run))
        return (report.html, notebook.title, status)
    }
}
