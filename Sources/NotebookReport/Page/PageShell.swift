/// The page shell of `assets/report/page.html`, split once into literal markup and `{{slot}}`s.
///
/// Filling it appends the literal parts and each slot's node to one buffer; a slot's text is
/// escaped like any other text node, so the shell is the only markup not built by type (it is
/// the designer's file, compiled into the binary).
struct PageShell: Sendable {
    enum Part: Sendable {
        case markup(String)
        case slot(String)
    }

    let parts: [Part]

    init(_ template: String) {
        var parts: [Part] = []
        var rest = Substring(template)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            parts.append(.markup(String(rest[..<open.lowerBound])))
            parts.append(.slot(String(rest[open.upperBound..<close.lowerBound])))
            rest = rest[close.upperBound...]
        }
        parts.append(.markup(String(rest)))
        self.parts = parts.filter { if case .markup(let text) = $0 { !text.isEmpty } else { true } }
    }

    /// The shell in `assets/report/page.html`.
    static let report = PageShell(ReportAssets.pageShell)

    /// The page with each slot replaced by `slots[name]` (an unknown slot stays empty).
    func render(_ slots: [String: HTMLNode], capacity: Int = 0) -> String {
        var output = MarkupBuffer(capacity: capacity)
        for part in parts {
            switch part {
            case .markup(let markup): output.append(markup)
            case .slot(let name): slots[name]?.render(into: &output)
            }
        }
        return output.string
    }
}
