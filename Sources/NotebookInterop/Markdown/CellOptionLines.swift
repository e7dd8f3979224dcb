import NotebookDocument

/// A cell's options written back as Quarto-style `//| key: value` lines (only the ones that
/// differ from the defaults), the form Jupyter and Quarto keep cell options in.
enum CellOptionLines {
    static func lines(for options: CellOptions) -> [String] {
        let defaults = CellOptions()
        var lines: [String] = []
        if let label = options.label { lines.append("//| label: \(label)") }
        if options.echo != defaults.echo { lines.append("//| echo: \(options.echo)") }
        if options.eval != defaults.eval { lines.append("//| eval: \(options.eval)") }
        if options.output != defaults.output { lines.append("//| output: \(options.output)") }
        if options.error != defaults.error { lines.append("//| error: \(options.error)") }
        if options.cache != defaults.cache { lines.append("//| cache: \(options.cache)") }
        if options.showResult != defaults.showResult { lines.append("//| result: \(options.showResult)") }
        if options.codeFold != defaults.codeFold { lines.append("//| code-fold: \(options.codeFold)") }
        if let caption = options.figureCaption { lines.append("//| fig-cap: \(caption)") }
        if let alt = options.figureAlt { lines.append("//| fig-alt: \(alt)") }
        if let timeout = options.timeout {
            let text = timeout.rounded() == timeout && abs(timeout) < 1e15 ? String(Int(timeout)) : String(timeout)
            lines.append("//| timeout: \(text)")
        }
        return lines
    }

    /// The options that differ from the defaults, as JSON (for a Jupyter cell's metadata).
    static func json(for options: CellOptions) -> [String: JSONValue] {
        let defaults = CellOptions()
        var members: [String: JSONValue] = [:]
        if let label = options.label { members["label"] = .string(label) }
        if options.echo != defaults.echo { members["echo"] = .bool(options.echo) }
        if options.eval != defaults.eval { members["eval"] = .bool(options.eval) }
        if options.output != defaults.output { members["output"] = .bool(options.output) }
        if options.error != defaults.error { members["error"] = .bool(options.error) }
        if options.cache != defaults.cache { members["cache"] = .bool(options.cache) }
        if options.showResult != defaults.showResult { members["result"] = .bool(options.showResult) }
        if let timeout = options.timeout { members["timeout"] = .number(timeout) }
        if options.codeFold != defaults.codeFold { members["code-fold"] = .bool(options.codeFold) }
        if let caption = options.figureCaption { members["fig-cap"] = .string(caption) }
        if let alt = options.figureAlt { members["fig-alt"] = .string(alt) }
        return members
    }
}
