import Foundation

/// Maps a request path to a notebook below the served folder, refusing anything outside it.
enum RequestPath {
    /// What a request path names.
    enum Target: Equatable {
        /// The index page (`/`, `/index.html`).
        case index
        /// The report of the notebook at this path below the root (`sub/notes.md`).
        case notebook(relativePath: String)
        /// A path that tries to leave the folder (`..`, NUL bytes, backslashes): refused.
        case forbidden
        /// Nothing served there.
        case notFound
    }

    /// The target of the percent-encoded request path `raw` (query string already removed).
    static func resolve(_ raw: String) -> Target {
        guard let decoded = raw.removingPercentEncoding else { return .forbidden }
        if decoded.contains("\0") || decoded.contains("\\") { return .forbidden }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return .forbidden }
        if segments.isEmpty || segments == ["index.html"] { return .index }
        if segments.contains(where: { $0.hasPrefix(".") }) { return .notFound }
        guard let last = segments.last, last.lowercased().hasSuffix(".html") else { return .notFound }
        let stem = String(last.dropLast(5))
        return .notebook(relativePath: (segments.dropLast() + [stem + ".md"]).joined(separator: "/"))
    }

    /// Whether `path` (after resolving symbolic links) is inside `root`.
    static func isInside(_ path: String, root: String) -> Bool {
        let base = URL(fileURLWithPath: root).resolvingSymlinksInPath().standardizedFileURL.path
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
        return target.hasPrefix(base.hasSuffix("/") ? base : base + "/")
    }
}
