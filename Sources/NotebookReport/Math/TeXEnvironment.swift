/// `\begin{…}…\end{…}` environments: matrices (`matrix`, `pmatrix`, `bmatrix`, `Bmatrix`,
/// `vmatrix`, `Vmatrix`, `array`), `cases`, and `aligned`/`align`/`gathered`/`split`.
extension TeXParser {
    mutating func parseEnvironment() -> Item {
        let name = readRawGroup()
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { return Item(markup: skipGroupAsSource()) }
        if name == "array" { _ = readRawGroup() }
        var rows: [[HTMLNode]] = [[]]
        while position < tokens.count {
            let items = parseList(until: { $0 == .alignment || $0 == .rowBreak || $0 == .command("end") })
            rows[rows.count - 1].append(TeXParser.row(items))
            guard let token = peek() else { break }
            position += 1
            if token == .alignment { continue }
            if token == .rowBreak {
                rows.append([])
                continue
            }
            if token == .command("end") {
                _ = readRawGroup()
                break
            }
            // A `}` inside the environment: skip it.
            rows[rows.count - 1].removeLast()
        }
        if rows.count > 1, rows.last == [Self.emptyRow] || rows.last == [.empty] || rows.last?.isEmpty == true {
            rows.removeLast()
        }
        let base = name.hasSuffix("*") ? String(name.dropLast()) : name
        var alignment: [HTMLNode.Attribute] = []
        switch base {
        case "cases": alignment = [.init("columnalign", "left left")]
        case "aligned", "align", "split", "alignat", "eqnarray":
            alignment = [.init("columnalign", "right left right left right left"), .init("columnspacing", "0em 1em")]
        default: break
        }
        let table = HTMLNode.element(
            "mtable", alignment,
            rows.map { row in
                .element("mtr", row.map { .element("mtd", [wrap($0)]) })
            })
        let fences: (String, String)
        switch base {
        case "pmatrix": fences = ("(", ")")
        case "bmatrix": fences = ("[", "]")
        case "Bmatrix": fences = ("{", "}")
        case "vmatrix": fences = ("|", "|")
        case "Vmatrix": fences = ("‖", "‖")
        case "cases": fences = ("{", "")
        default: fences = ("", "")
        }
        func fence(_ text: String) -> HTMLNode {
            text.isEmpty ? .empty : Self.mo(text, [.init("fence", "true"), .init("stretchy", "true")])
        }
        return Item(markup: .element("mrow", [fence(fences.0), table, fence(fences.1)]))
    }
}
