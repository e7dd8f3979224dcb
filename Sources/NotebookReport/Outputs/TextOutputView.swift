/// A text output as `<pre>`: carriage returns applied as a terminal would (progress bars), huge
/// text cut to its head and tail with a notice, long text in a collapsible scrolling box.
enum TextOutputView {
    /// The HTML for `text`; `className` is `stdout`, `stderr` or `value`, `label` names the stream
    /// in the collapsed summary.
    static func node(_ text: String, className: String, label: String, context: RenderContext) -> HTMLNode {
        let options = context.options
        let cut = TextTruncation(
            text, maximumBytes: options.maximumOutputBytes, maximumLines: options.maximumOutputLines)
        var body: [HTMLNode] = [.element("pre", class: "output-text \(className)", [.text(terminalText(cut.head))])]
        if cut.isTruncated {
            body.append(.element("div", class: "notice truncated", [.init("role", "note")], [.text(cut.notice)]))
            body.append(.element("pre", class: "output-text \(className)", [.text(terminalText(cut.tail))]))
        }
        guard cut.totalLines > options.collapsibleOutputLines else {
            return .element("div", class: "output \(className)", body)
        }
        let summary = "\(label): \(Formatting.grouped(cut.totalLines)) lines, \(Formatting.bytes(cut.totalBytes))"
        return .element(
            "details", class: "output \(className) long-output", [.init("open", nil)],
            [
                .element("summary", [.text(summary)]), .element("div", class: "scroll", body),
            ])
    }

    /// `\r\n` as a newline; within a line, text after a lone `\r` overwrites the line from its
    /// start, as on a terminal.
    static func terminalText(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(line)
            if line.hasSuffix("\r") { line = line.dropLast() }
            guard line.contains("\r") else {
                lines.append(String(line))
                continue
            }
            var current: [Character] = []
            for part in line.split(separator: "\r", omittingEmptySubsequences: false) {
                let characters = Array(part)
                if characters.count >= current.count {
                    current = characters
                } else {
                    current.replaceSubrange(0..<characters.count, with: characters)
                }
            }
            lines.append(String(current))
        }
        return lines.joined(separator: "\n")
    }
}
