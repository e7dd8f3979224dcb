import NotebookReport

/// The pages the server makes itself. A served report carries the live preview's additions
/// (``PageAdditions/liveReload(version:)``: a version tag, the reload script allowed by its
/// computed hash, and connections to the server), added when the page is rendered.
enum ServedPage {
    /// The page shown for a notebook that does not render: the message, escaped, in a report page.
    static func errorPage(title: String, message: String, generator: String, additions: PageAdditions) -> String {
        let main = HTMLNode.fragment([
            .element(
                "header", class: "report-header",
                [
                    .element("h1", class: "report-title", [.text(title)]),
                    .element("div", class: "run-meta", [.element("span", class: "pill failed", ["cannot render"])]),
                ]),
            .element(
                "div", class: "failure", [.init("role", "alert")],
                [
                    .element("div", class: "failure-head", [.element("strong", ["error"])]),
                    .element("pre", class: "failure-message", [.text(message)]),
                ]),
            .element("p", ["Fix the notebook and save it: this page reloads by itself."]),
        ])
        return StandalonePage.html(title: title + " — error", main: main, generator: generator, additions: additions)
    }
}
