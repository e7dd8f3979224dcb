/// Which URLs may appear in links and images of the report.
enum URLPolicy {
    /// `url` cleaned (surrounding spaces and embedded tabs/newlines removed, as browsers do) when
    /// it is safe as a link: relative, a fragment, `http`, `https` or `mailto`. Nil otherwise
    /// (`javascript:`, `vbscript:`, `data:`, `file:`, …).
    static func safeLink(_ url: String) -> String? {
        let cleaned = clean(url)
        guard let scheme = scheme(of: cleaned) else { return cleaned }
        return ["http", "https", "mailto"].contains(scheme) ? cleaned : nil
    }

    /// `url` cleaned when it is safe as an image source: relative, `http`, `https`, or a
    /// `data:image/(png|jpeg|gif|webp)` URL. Nil otherwise (notably `data:image/svg+xml`, which
    /// can carry script when opened on its own).
    static func safeImage(_ url: String) -> String? {
        let cleaned = clean(url)
        guard let scheme = scheme(of: cleaned) else { return cleaned }
        if scheme == "http" || scheme == "https" { return cleaned }
        if scheme == "data" {
            let lower = cleaned.lowercased()
            for type in ["png", "jpeg", "jpg", "gif", "webp"]
            where lower.hasPrefix("data:image/\(type);") || lower.hasPrefix("data:image/\(type),") {
                return cleaned
            }
        }
        return nil
    }

    /// Whether `url` (already cleaned) is relative: no scheme and not protocol-relative (`//host`).
    static func isLocalPath(_ url: String) -> Bool {
        scheme(of: url) == nil && !url.hasPrefix("//") && !url.hasPrefix("#") && !url.isEmpty
    }

    /// The lowercased scheme, when `url` has a `:` before any `/`, `?` or `#`.
    static func scheme(of url: String) -> String? {
        var scheme = ""
        for scalar in url.unicodeScalars {
            switch scalar {
            case ":": return scheme.lowercased()
            case "/", "?", "#": return nil
            default: scheme.unicodeScalars.append(scalar)
            }
        }
        return nil
    }

    /// Removes leading and trailing spaces and controls, and tabs and newlines anywhere.
    static func clean(_ url: String) -> String {
        // Nothing to remove without a byte at or below the space (every URL cmark writes).
        guard url.utf8.contains(where: { $0 <= 0x20 }) else { return url }
        var scalars = Array(url.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" })
        while let first = scalars.first, first.value <= 0x20 { scalars.removeFirst() }
        while let last = scalars.last, last.value <= 0x20 { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
