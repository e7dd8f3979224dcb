import Dispatch
import Foundation

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

    /// Renders the notebook at a path as the page of a version (blocking; called off the actor, on
    /// a dispatch queue).
    typealias Renderer = @Sendable (_ path: String, _ version: Int) -> (html: String, title: String, status: PageStatus)

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
        let previousVersion = entries[path]?.version ?? 0
        let renderer = self.renderer
        let log = self.log
        let task = Task<Entry, Never> {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    let started = Date()
                    let page = renderer(path, previousVersion + 1)
                    log("\(path): \(page.status.summary) (\(String(format: "%.2f", Date().timeIntervalSince(started))) s)")
                    continuation.resume(
                        returning: Entry(
                            html: page.html, title: page.title, status: page.status, modified: modified,
                            version: previousVersion + 1, renderID: UUID()))
                }
            }
        }
        inFlight[path] = task
        let entry = await task.value
        inFlight[path] = nil
        return store(entry, for: path)
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

/// How a served notebook's render ended.
enum PageStatus: Sendable, Equatable {
    /// Every cell ran.
    case ok
    /// The report shows this many failed cells.
    case failedCells(Int)
    /// The notebook could not be parsed or run: the error page shows why.
    case error(String)

    var summary: String {
        switch self {
        case .ok: "ok"
        case .failedCells(let count): "\(count) failed"
        case .error: "error page"
        }
    }
}
