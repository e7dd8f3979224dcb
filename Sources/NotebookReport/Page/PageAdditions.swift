/// What a page carries beyond the report: `notebook serve` adds its reload script, the page's
/// version and permission to call back the server that served it.
public struct PageAdditions: Sendable, Equatable {
    /// Scripts after the report's own (allowed by their hashes).
    public var scripts: [InlineScript]
    /// `<meta name="…" content="…">` tags in the head.
    public var metadata: [String: String]
    /// Whether the page may fetch from the origin that served it (`connect-src 'self'`).
    public var connectsToOrigin: Bool

    /// Creates additions; none by default.
    public init(scripts: [InlineScript] = [], metadata: [String: String] = [:], connectsToOrigin: Bool = false) {
        self.scripts = scripts
        self.metadata = metadata
        self.connectsToOrigin = connectsToOrigin
    }

    /// The live preview's additions for a page at `version` (the reload script polls for a newer one).
    public static func liveReload(version: Int) -> PageAdditions {
        PageAdditions(
            scripts: [.liveReload], metadata: ["notebook-version": String(version)], connectsToOrigin: true)
    }
}
