import Dispatch
import Foundation
import NotebookDocument

/// The rendered pages of the served notebooks: each rendered on first request, again when its
/// file's modification time changes, with a version number that goes up at each new render (the
/// served page polls it to reload itself).
actor ReportStore {
    /// One notebook's latest page.
    struct Entry: Sendable {
        /// The page HTML (a report, or the error page of a notebook that does not render).
        var html: String
        /// The notebook's title (its file name when it does not parse).
        var title: String
        /// How the render ended.
        var status: PageStatus
        /// The file's modification time when the render started.
        var modified: Date?
        /// Goes up by one with every new render.
        var version: Int
        fileprivate var renderID: UUID
    }

    /// A rendered page: its HTML, the notebook's title, how the render ended.
    typealias Page = (html: String, title: String, status: PageStatus)

    /// Renders the notebook at a path as the page of a version (blocking; called off the actor, on
    /// a dispatch queue), from the cell with an anchor on when one is given. The last argument
    /// takes a page to show while the cells run (the stale cells marked), as the page of that
    /// version; the final page is then the next version.
    typealias Renderer =
        @Sendable (
            _ path: String, _ version: Int, _ anchor: String?, _ interim: @escaping @Sendable (Page) -> Void
        ) -> Page

    private let renderer: Renderer
    private let log: @Sendable (String) -> Void
    private var entries: [String: Entry] = [:]
    private var inFlight: [String: Task<Entry, Never>] = [:]

    init(renderer: @escaping Renderer, log: @escaping @Sendable (String) -> Void) {
        self.renderer = renderer
        self.log = log
    }

    /// The page of the notebook at `path`, rendered now if it never was or its file changed.
    func entry(for path: String) async -> Entry {
        let modified = Self.modificationDate(path)
        if let entry = entries[path], entry.modified == modified { return entry }
        if let task = inFlight[path] { return store(await task.value, for: path) }
        return await render(path, modified: modified, rerunningFrom: nil)
    }

    /// Renders the notebook at `path` again from the cell with anchor `anchor` on (after the
    /// render under way, if any).
    func rerun(_ path: String, from anchor: String) async {
        while let task = inFlight[path] { _ = store(await task.value, for: path) }
        _ = await render(path, modified: Self.modificationDate(path), rerunningFrom: anchor)
    }

    private func render(_ path: String, modified: Date?, rerunningFrom anchor: String?) async -> Entry {
        let previousVersion = entries[path]?.version ?? 0
        let renderer = self.renderer
        let log = self.log
        let task = Task<Entry, Never> {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    let started = Date()
                    let interim = InterimPage()
                    let page = renderer(path, previousVersion + 1, anchor) { page in
                        interim.published = true
                        let entry = Entry(
                            html: page.html, title: page.title, status: page.status, modified: modified,
                            version: previousVersion + 1, renderID: UUID())
                        Task { await self.storeInterim(entry, for: path) }
                    }
                    log(
                        "\(path): \(page.status.summary) (\(String(format: "%.2f", Date().timeIntervalSince(started))) s)"
                    )
                    continuation.resume(
                        returning: Entry(
                            html: page.html, title: page.title, status: page.status, modified: modified,
                            version: previousVersion + (interim.published ? 2 : 1), renderID: UUID()))
                }
            }
        }
        inFlight[path] = task
        let entry = await task.value
        inFlight[path] = nil
        return store(entry, for: path)
    }

    /// Shows the page of a render under way (unless its final page is already there).
    private func storeInterim(_ entry: Entry, for path: String) {
        _ = store(entry, for: path)
    }

    /// The current version of a notebook's page, or nil when it was never rendered.
    func version(for path: String) -> Int? {
        entries[path]?.version
    }

    /// Re-renders every page whose file changed since its render (a deleted file is forgotten).
    func refreshChanged() async {
        for (path, entry) in entries where inFlight[path] == nil {
            let modified = Self.modificationDate(path)
            if modified == nil {
                entries[path] = nil
            } else if modified != entry.modified {
                _ = await self.entry(for: path)
            }
        }
    }

    private func store(_ entry: Entry, for path: String) -> Entry {
        if entries[path]?.renderID != entry.renderID, (entries[path]?.version ?? 0) < entry.version {
            entries[path] = entry
        }
        return entries[path] ?? entry
    }

    static func modificationDate(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}

/// Whether a render published a page while its cells ran (set on the render's own thread).
private final class InterimPage: @unchecked Sendable {
    var published = false
}

/// How a served notebook's render ended.
enum PageStatus: Sendable, Equatable {
    /// Every cell ran.
    case ok
    /// The report shows these failed cells and inline expressions.
    case failed(RunFailures)
    /// The notebook could not be parsed or run: the error page shows why.
    case error(String)

    var summary: String {
        switch self {
        case .ok: "ok"
        case .failed(let failures): "\(failures.description) failed"
        case .error: "error page"
        }
    }
}
