import Foundation
import NotebookDocument

/// Makes the images of the notes work offline: a local image (a path relative to the notebook's
/// folder) is read and embedded as a `data:` URL; a missing or unreadable one becomes its alt text
/// with a "missing image" marker and a warning. Remote images stay remote (they need the network).
enum ImageEmbedder {
    /// The tokens that replace an `<img>` start tag with these (sanitised) attributes.
    /// `markdown` and `startLine` locate the image for warnings.
    static func replace(
        attributes: [HTMLAttribute], markdown: String, startLine: Int, context: RenderContext
    ) -> [SafeToken] {
        guard let sourceIndex = attributes.firstIndex(where: { $0.name == "src" }) else {
            return [.start(name: "img", attributes: attributes)]
        }
        var attributes = attributes
        let source = attributes[sourceIndex].value
        let alt = attributes.first { $0.name == "alt" }?.value ?? ""
        guard URLPolicy.isLocalPath(source) else {
            if source.lowercased().hasPrefix("http") {
                attributes.append(HTMLAttribute(name: "loading", value: "lazy"))
                attributes.append(HTMLAttribute(name: "referrerpolicy", value: "no-referrer"))
                attributes.append(HTMLAttribute(name: "class", value: "remote-image"))
                if !attributes.contains(where: { $0.name == "title" }) {
                    attributes.append(
                        HTMLAttribute(name: "title", value: "remote image (needs the network): \(source)"))
                }
            }
            return [.start(name: "img", attributes: attributes)]
        }
        let path = filePath(of: source)
        let line = self.line(of: source, path: path, in: markdown, startLine: startLine)
        switch load(path, context: context) {
        case .success(let dataURL):
            attributes[sourceIndex].value = dataURL
            return [.start(name: "img", attributes: attributes)]
        case .failure(let problem):
            context.warn(line: line, "image '\(path)': \(problem.message)")
            let marker = "missing image: " + path
            return [
                .start(
                    name: "span",
                    attributes: [
                        HTMLAttribute(name: "class", value: "missing-image"),
                        HTMLAttribute(name: "title", value: marker),
                    ]),
                .start(name: "span", attributes: [HTMLAttribute(name: "class", value: "missing-marker")]),
                .text("missing image"), .end(name: "span"),
                .text(alt.isEmpty ? path : alt), .end(name: "span"),
            ]
        }
    }

    struct Problem: Error {
        var message: String
    }

    /// The image at `path` (relative to the base directory unless absolute) as a data URL.
    static func load(_ path: String, context: RenderContext) -> Result<String, Problem> {
        let full = path.hasPrefix("/") ? path : context.baseDirectory + "/" + path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return .failure(Problem(message: "not found (looked for \(full))"))
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: full)[.size] as? Int) ?? 0
        guard size <= context.options.maximumImageBytes else {
            return .failure(
                Problem(
                    message:
                        "is \(Formatting.bytes(size)), more than the \(Formatting.bytes(context.options.maximumImageBytes)) "
                        + "a report embeds; make it smaller"))
        }
        guard let data = FileManager.default.contents(atPath: full) else {
            return .failure(Problem(message: "cannot be read (check its permissions)"))
        }
        guard let type = mediaType(of: Array(data.prefix(512)), path: path) else {
            return .failure(Problem(message: "is not a PNG, JPEG, GIF, WebP or SVG image"))
        }
        return .success("data:\(type);base64," + data.base64EncodedString())
    }

    /// The media type from the file's first bytes (the extension only decides for SVG text).
    static func mediaType(of head: [UInt8], path: String) -> String? {
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "image/png" }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if head.starts(with: Array("GIF8".utf8)) { return "image/gif" }
        if head.count >= 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) {
            return "image/webp"
        }
        let text = String(decoding: head, as: UTF8.self).lowercased()
        if path.lowercased().hasSuffix(".svg") || text.contains("<svg") { return "image/svg+xml" }
        return nil
    }

    /// The file path in a relative URL: query and fragment removed, `%xx` decoded.
    static func filePath(of source: String) -> String {
        var path = Substring(source)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        return String(path).removingPercentEncoding ?? String(path)
    }

    /// The notebook line that mentions the image, else the prose's first line.
    private static func line(of source: String, path: String, in markdown: String, startLine: Int) -> Int {
        for (offset, text) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where text.contains(source) || text.contains(path) {
            return startLine + offset
        }
        return startLine
    }
}
