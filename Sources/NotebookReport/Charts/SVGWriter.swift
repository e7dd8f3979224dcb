/// Builds one inline SVG chart as ``HTMLNode``s: every text and attribute value is escaped when
/// the chart is rendered.
struct SVGWriter {
    private(set) var children: [HTMLNode] = []

    /// The width of `text` at `fontSize`, on the safe side (no font metrics offline): per
    /// character 1 em for wide (CJK, full-width) characters, 0.95 em for `M`, `W`, `m`, `w`,
    /// 0.78 em for other capitals and 0.6 em for the rest, at least the advance widths of the
    /// sans-serif fonts the report asks for, so labels placed by it do not overlap.
    static func textWidth(_ text: String, fontSize: Double = 12) -> Double {
        text.unicodeScalars.reduce(0.0) { width, scalar in
            let em: Double
            if scalar.properties.isUppercase {
                em = "MW".unicodeScalars.contains(scalar) ? 0.95 : 0.78
            } else if scalar == "m" || scalar == "w" {
                em = 0.95
            } else if isWide(scalar) {
                em = 1
            } else if scalar.properties.generalCategory == .nonspacingMark {
                em = 0
            } else {
                em = 0.6
            }
            return width + em * fontSize
        }
    }

    /// Whether `scalar` is drawn one em wide: East Asian scripts, full-width forms, emoji.
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD:
            true
        default: false
        }
    }

    /// `text` cut to `limit` characters with an ellipsis.
    static func shorten(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(max(limit - 1, 1))) + "…"
    }

    /// Appends a `<text>` element. `rotate` turns it around its anchor point (degrees); `extra`
    /// attributes follow the class (`data-` attributes a script reads).
    mutating func text(
        _ content: String, x: Double, y: Double, anchor: String = "start", className: String = "label",
        rotate: Double? = nil, baseline: String? = nil, fontSize: Double? = nil, fill: String? = nil,
        tooltip: String? = nil, extra: [HTMLNode.Attribute] = []
    ) {
        var attributes: [HTMLNode.Attribute] =
            [
                .init("x", n(x)), .init("y", n(y)), .init("text-anchor", anchor), .init("class", className),
            ] + extra
        if let rotate { attributes.append(.init("transform", "rotate(\(n(rotate)) \(n(x)) \(n(y)))")) }
        if let baseline { attributes.append(.init("dominant-baseline", baseline)) }
        if let fontSize { attributes.append(.init("font-size", n(fontSize))) }
        if let fill { attributes.append(.init("fill", fill)) }
        var nodes: [HTMLNode] = [.text(content)]
        if let tooltip, tooltip != content { nodes.insert(.element("title", [.text(tooltip)]), at: 0) }
        children.append(.element("text", attributes, nodes))
    }

    /// Appends a line.
    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, className: String) {
        children.append(
            .element(
                "line",
                [
                    .init("x1", n(x1)), .init("y1", n(y1)), .init("x2", n(x2)), .init("y2", n(y2)),
                    .init("class", className),
                ]))
    }

    /// Appends a rectangle with an optional hover tooltip.
    mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String? = nil, className: String? = nil,
        tooltip: String? = nil
    ) {
        var attributes: [HTMLNode.Attribute] = [
            .init("x", n(x)), .init("y", n(y)), .init("width", n(max(width, 0))), .init("height", n(max(height, 0))),
        ]
        if let fill { attributes.append(.init("fill", fill)) }
        if let className { attributes.append(.init("class", className)) }
        children.append(.element("rect", attributes, tooltip.map { [.element("title", [.text($0)])] } ?? []))
    }

    /// Appends a circle.
    mutating func circle(x: Double, y: Double, radius: Double, color: String, tooltip: String? = nil) {
        let attributes: [HTMLNode.Attribute] = [
            .init("cx", n(x)), .init("cy", n(y)), .init("r", n(radius)), .init("fill", color),
        ]
        children.append(.element("circle", attributes, tooltip.map { [.element("title", [.text($0)])] } ?? []))
    }

    /// Appends a polyline through `points`.
    mutating func polyline(_ points: [(Double, Double)], color: String) {
        children.append(
            .element(
                "polyline",
                [
                    .init("fill", "none"), .init("stroke", color), .init("stroke-width", "2"),
                    .init("stroke-linejoin", "round"), .init("stroke-linecap", "round"),
                    .init("points", points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")),
                ]))
    }

    /// Appends an element the chart built itself (a gradient, a legend swatch).
    mutating func append(_ node: HTMLNode) { children.append(node) }

    /// The finished `<svg>` element; `label` is its accessible name. (On a narrow page it keeps
    /// its own size and its figure scrolls: `report.css`, `figure.chart-output`.)
    func svg(width: Double, height: Double, className: String, label: String) -> HTMLNode {
        .element(
            "svg",
            [
                .init("xmlns", "http://www.w3.org/2000/svg"), .init("class", "chart \(className)"),
                .init("width", n(width)), .init("height", n(height)), .init("viewBox", "0 0 \(n(width)) \(n(height))"),
                .init("role", "img"), .init("aria-label", label),
            ], children)
    }

    private func n(_ value: Double) -> String { SVGNumber.format(value) }
}
