import Foundation
import Hummingbird
import NotebookDocument
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
            return html(
                errorPage(status: "403 Forbidden", message: "This path is outside the served folder."),
                status: .forbidden)
        case .notFound:
            return html(errorPage(status: "404 Not Found", message: "Nothing is served at \(path)."), status: .notFound)
        case .index:
            return html(await index(), status: .ok)
        case .notebook(let relative):
            guard let input = input(relative) else {
                return html(
                    errorPage(status: "404 Not Found", message: "There is no notebook \(relative)."), status: .notFound)
            }
            let entry = await store.entry(for: input.path)
            return html(entry.html, status: .ok)
        }
    }

    /// `POST /__rerun?path=/notes.html&cell=ANCHOR`: runs that cell and the cells after it again
    /// (in the background; the page reloads when the new version is there).
    func rerun(_ request: Request) async -> Response {
        let page = String(request.uri.queryParameters.get("path") ?? "")
        let anchor = String(request.uri.queryParameters.get("cell") ?? "")
        guard case .notebook(let relative) = RequestPath.resolve(page), let input = input(relative), !anchor.isEmpty
        else {
            return text("unknown page or cell\n", status: .notFound)
        }
        Task { await store.rerun(input.path, from: anchor) }
        return text("re-running from \(anchor)\n", status: .accepted)
    }

    /// The served notebook at `relative`, when it is one the folder lists (inside it).
    private func input(_ relative: String) -> NotebookDiscovery.Input? {
        server.notebooks().first { $0.relativePath == relative }
    }

    /// The index: every notebook, rendered first (cached results make this quick), with its status.
    private func index() async -> String {
        var rows: [HTMLNode] = []
        let inputs = server.notebooks()
        for input in inputs {
            let entry = await store.entry(for: input.path)
            let link = String(input.relativePath.dropLast(3)) + ".html"
            let status: HTMLNode
            switch entry.status {
            case .ok: status = .element("span", class: "pill ok", ["ok"])
            case .failed(let failures):
                status = .element("span", class: "pill failed", [.text("failed: \(failures.description)")])
            case .error: status = .element("span", class: "pill failed", ["cannot render"])
            }
            rows.append(
                .element(
                    "tr",
                    [
                        .element("td", [.element("a", [.href(StandalonePage.link(link))], [.text(entry.title)])]),
                        .element("td", [status]),
                        .element("td", [.element("code", [.text(input.relativePath)])]),
                    ]))
        }
        let header = HTMLNode.element(
            "header", class: "report-header",
            [
                .element("h1", class: "report-title", ["Notebooks"]),
                .element(
                    "div", class: "run-meta",
                    [
                        .element("span", [.text("\(inputs.count) in "), .element("code", [.text(server.root)])]),
                        .element("span", ["live preview: pages reload when their notebook changes"]),
                    ]),
            ])
        let list: HTMLNode =
            inputs.isEmpty
            ? .element("p", class: "chart-empty", ["No .md notebooks in this folder yet."])
            : .indexTable(headers: ["notebook", "status", "source"], rows: rows)
        return StandalonePage.html(
            title: "Notebooks", main: .fragment([header, list]), generator: server.reportOptions.generator)
    }

    private func errorPage(status: String, message: String) -> String {
        let main = HTMLNode.fragment([
            .element("header", class: "report-header", [.element("h1", class: "report-title", [.text(status)])]),
            .element("p", [.text(message)]),
            .element("p", [.element("a", [.href("/")], ["All notebooks"])]),
        ])
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
