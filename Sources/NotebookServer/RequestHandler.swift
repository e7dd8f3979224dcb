import Foundation
import Hummingbird
import NotebookPublishing
import NotebookReport

/// Answers the preview server's requests.
struct RequestHandler: Sendable {
    let server: PreviewServer
    let store: ReportStore

    func respond(to request: Request) async -> Response {
        let path = request.uri.path
        if path == "/__version" {
            let page = String(request.uri.queryParameters.get("path") ?? "")
            guard case .notebook(let relative) = RequestPath.resolve(page), let input = input(relative) else {
                return text("unknown page\n", status: .notFound)
            }
            let version = await store.version(for: input.path) ?? 0
            return text(String(version), status: .ok)
        }
        switch RequestPath.resolve(path) {
        case .forbidden:
            return html(errorPage(status: "403 Forbidden", message: "This path is outside the served folder."), status: .forbidden)
        case .notFound:
            return html(errorPage(status: "404 Not Found", message: "Nothing is served at \(path)."), status: .notFound)
        case .index:
            return html(await index(), status: .ok)
        case .notebook(let relative):
            guard let input = input(relative) else {
                return html(errorPage(status: "404 Not Found", message: "There is no notebook \(relative)."), status: .notFound)
            }
            let entry = await store.entry(for: input.path)
            return html(ServedPage.inject(into: entry.html, version: entry.version), status: .ok)
        }
    }

    /// The served notebook at `relative`, when it is one the folder lists and lies inside it.
    private func input(_ relative: String) -> NotebookDiscovery.Input? {
        guard let input = server.notebooks().first(where: { $0.relativePath == relative }),
            RequestPath.isInside(input.path, root: server.root)
        else { return nil }
        return input
    }

    /// The index: every notebook, rendered first (cached results make this quick), with its status.
    private func index() async -> String {
        var rows = ""
        let inputs = server.notebooks()
        for input in inputs {
            let entry = await store.entry(for: input.path)
            let link = String(input.relativePath.dropLast(3)) + ".html"
            rows += "<tr><td><a href=\"" + StandalonePage.escape(StandalonePage.link(link)) + "\">"
            rows += StandalonePage.escape(entry.title) + "</a></td><td>"
            switch entry.status {
            case .ok: rows += "<span class=\"pill ok\">ok</span>"
            case .failedCells(let count): rows += "<span class=\"pill failed\">failed: \(count)</span>"
            case .error: rows += "<span class=\"pill failed\">cannot render</span>"
            }
            rows += "</td><td><code>" + StandalonePage.escape(input.relativePath) + "</code></td></tr>"
        }
        var main = "<header class=\"report-header\"><h1 class=\"report-title\">Notebooks</h1><div class=\"run-meta\">"
        main += "<span>\(inputs.count) in <code>" + StandalonePage.escape(server.root) + "</code></span>"
        main += "<span>live preview: pages reload when their notebook changes</span></div></header>"
        main += inputs.isEmpty
            ? "<p class=\"chart-empty\">No .md notebooks in this folder yet.</p>"
            : "<div class=\"table-output\"><table class=\"index\"><thead><tr><th>notebook</th><th>status</th><th>source</th></tr></thead><tbody>"
                + rows + "</tbody></table></div>"
        return StandalonePage.html(title: "Notebooks", main: main, generator: server.reportOptions.generator)
    }

    private func errorPage(status: String, message: String) -> String {
        let main = "<header class=\"report-header\"><h1 class=\"report-title\">" + StandalonePage.escape(status)
            + "</h1></header><p>" + StandalonePage.escape(message) + "</p><p><a href=\"/\">All notebooks</a></p>"
        return StandalonePage.html(title: status, main: main, generator: server.reportOptions.generator)
    }

    private func html(_ page: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
    }

    private func text(_ body: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
