/// Builds the markup of one inline SVG chart; every text and attribute value from a cell is
/// escaped here.
struct SVGWriter {
    private(set) var body = ""

    /// The approximate width of `text` at `fontSize` (no font metrics offline: 0.6 em a character).
    static func textWidth(_ text: String, fontSize: Double = 12) -> Double {
        Double(text.count) * fontSize * 0.6
    }

    /// `text` cut to `limit` characters with an ellipsis.
    static func shorten(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(max(limit - 1, 1))) + "…"
    }

    /// Appends a `<text>` element. `rotate` turns it around its anchor point (degrees).
    mutating func text(
        _ content: String, x: Double, y: Double, anchor: String = "start", className: String = "label",
        rotate: Double? = nil, baseline: String? = nil, fontSize: Double? = nil, fill: String? = nil,
        tooltip: String? = nil
    ) {
        body += "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" class=\"\(className)\""
        if let rotate { body += " transform=\"rotate(\(n(rotate)) \(n(x)) \(n(y)))\"" }
        if let baseline { body += " dominant-baseline=\"\(baseline)\"" }
        if let fontSize { body += " font-size=\"\(n(fontSize))\"" }
        if let fill { body += " fill=\"\(fill)\"" }
        body += ">"
        if let tooltip, tooltip != content { body += "<title>" + HTMLEscaping.escape(tooltip) + "</title>" }
        body += HTMLEscaping.escape(content) + "</text>"
    }

    /// Appends a line.
    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, className: String) {
        body += "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" class=\"\(className)\"/>"
    }

    /// Appends a rectangle with an optional hover tooltip.
    mutating func rect(
        x: Double, y: Double, width: Double, height: Double, fill: String? = nil, className: String? = nil,
        tooltip: String? = nil
    ) {
        body += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(width, 0)))\" height=\"\(n(max(height, 0)))\""
        if let fill { body += " fill=\"\(fill)\"" }
        if let className { body += " class=\"\(className)\"" }
        if let tooltip {
            body += "><title>" + HTMLEscaping.escape(tooltip) + "</title></rect>"
        } else {
            body += "/>"
        }
    }

    /// Appends a circle.
    mutating func circle(x: Double, y: Double, radius: Double, color: String, tooltip: String? = nil) {
        body += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius))\" fill=\"\(color)\""
        if let tooltip {
            body += "><title>" + HTMLEscaping.escape(tooltip) + "</title></circle>"
        } else {
            body += "/>"
        }
    }

    /// Appends a polyline through `points`.
    mutating func polyline(_ points: [(Double, Double)], color: String) {
        body += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" stroke-linejoin=\"round\" "
        body += "stroke-linecap=\"round\" points=\""
        body += points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        body += "\"/>"
    }

    /// Appends markup made by the report itself.
    mutating func raw(_ markup: String) { body += markup }

    /// The finished `<svg>` element; `label` is its accessible name.
    func svg(width: Double, height: Double, className: String, label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart \(className)\" width=\"\(n(width))\" "
            + "height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\""
            + HTMLEscaping.escape(label) + "\">" + body + "</svg>"
    }

    private func n(_ value: Double) -> String { SVGNumber.format(value) }
}
