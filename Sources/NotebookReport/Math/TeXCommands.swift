/// The commands of ``TeXParser``: symbols, fractions, roots, accents, styles, text, delimiters.
extension TeXParser {
    mutating func parseCommand(_ name: String) -> Item? {
        if let width = TeXSymbols.spaces[name] {
            return width > 0 ? Item(markup: "<mspace width=\"\(width)em\"></mspace>") : nil
        }
        if TeXSymbols.ignored.contains(name) { return nil }
        if let letter = TeXSymbols.greek[name] {
            let upright = letter.first?.isUppercase == true
            return Item(markup: (upright ? "<mi mathvariant=\"normal\">" : "<mi>") + letter + "</mi>")
        }
        if let symbol = TeXSymbols.identifiers[name] {
            return Item(markup: "<mi mathvariant=\"normal\">" + HTMLEscaping.escape(symbol) + "</mi>")
        }
        if let symbol = TeXSymbols.operators[name] {
            let fence = ["{", "}", "langle", "rangle", "lVert", "rVert", "|", "lvert", "rvert", "lfloor", "rfloor",
                "lceil", "rceil", "lbrace", "rbrace", "lbrack", "rbrack"].contains(name)
            return Item(markup: (fence ? "<mo stretchy=\"false\">" : "<mo>") + HTMLEscaping.escape(symbol) + "</mo>")
        }
        if let symbol = TeXSymbols.largeOperators[name] {
            return Item(markup: "<mo largeop=\"true\" movablelimits=\"true\">\(symbol)</mo>", kind: .largeOperator)
        }
        if let symbol = TeXSymbols.integrals[name] {
            return Item(markup: "<mo largeop=\"true\">\(symbol)</mo>", kind: .integral)
        }
        if let limits = TeXSymbols.functions[name] {
            return function(name, limits: limits)
        }
        if let accent = TeXSymbols.accents[name] {
            let base = parseArgument()
            let mark = "<mo stretchy=\"\(accent.stretchy)\">" + HTMLEscaping.escape(accent.mark) + "</mo>"
            return Item(markup: "<mover accent=\"true\">" + base + mark + "</mover>")
        }
        if let size = TeXSymbols.bigSizes[name] {
            let delimiter = readDelimiter()
            guard !delimiter.isEmpty else { return nil }
            return Item(
                markup: "<mo minsize=\"\(size)em\" maxsize=\"\(size)em\" stretchy=\"true\" symmetric=\"true\">"
                    + HTMLEscaping.escape(delimiter) + "</mo>")
        }
        if let style = MathVariant(command: name) {
            let saved = variant
            variant = style
            let argument = parseArgument()
            variant = saved
            return Item(markup: argument)
        }
        switch name {
        case "frac", "dfrac", "tfrac", "cfrac":
            let numerator = parseArgument()
            let denominator = parseArgument()
            return Item(markup: "<mfrac>" + numerator + denominator + "</mfrac>")
        case "binom", "dbinom", "tbinom":
            let top = parseArgument()
            let bottom = parseArgument()
            return Item(
                markup: "<mrow><mo>(</mo><mfrac linethickness=\"0\">" + top + bottom + "</mfrac><mo>)</mo></mrow>")
        case "sqrt":
            skipSpaces()
            if peek() == .character("[") {
                position += 1
                let index = TeXParser.row(parseList(until: { $0 == .character("]") }))
                if peek() == .character("]") { position += 1 }
                let radicand = parseArgument()
                return Item(markup: "<mroot>" + radicand + index + "</mroot>")
            }
            return Item(markup: "<msqrt>" + parseArgument() + "</msqrt>")
        case "operatorname", "operatorname*", "mathop":
            let text = readRawGroup()
            return function(text, limits: name != "operatorname")
        case "text", "textrm", "textnormal", "mbox", "hbox", "textit", "texttt", "textsf", "mathtext":
            let text = readRawGroup()
            return Item(markup: "<mtext>" + HTMLEscaping.escape(text) + "</mtext>")
        case "underline":
            return Item(markup: "<munder accentunder=\"true\">" + parseArgument() + "<mo stretchy=\"true\">_</mo></munder>")
        case "overbrace":
            return Item(markup: "<mover>" + parseArgument() + "<mo stretchy=\"true\">⏞</mo></mover>", kind: .overUnder)
        case "underbrace":
            return Item(markup: "<munder>" + parseArgument() + "<mo stretchy=\"true\">⏟</mo></munder>", kind: .overUnder)
        case "stackrel", "overset":
            let over = parseArgument()
            let base = parseArgument()
            return Item(markup: "<mover>" + base + over + "</mover>")
        case "underset":
            let under = parseArgument()
            let base = parseArgument()
            return Item(markup: "<munder>" + base + under + "</munder>")
        case "left":
            return parseFenced()
        case "right", "middle":
            let delimiter = readDelimiter()
            return Item(markup: "<mo stretchy=\"true\">" + HTMLEscaping.escape(delimiter) + "</mo>")
        case "begin":
            return parseEnvironment()
        default:
            return Item(markup: "<mtext class=\"math-error\">" + HTMLEscaping.escape("\\" + name) + "</mtext>")
        }
    }

    private func function(_ name: String, limits: Bool) -> Item {
        guard limits else {
            return Item(markup: "<mi>" + HTMLEscaping.escape(name) + "</mi>", suffix: "<mo>\u{2061}</mo>")
        }
        return Item(
            markup: "<mo movablelimits=\"true\" lspace=\"0em\" rspace=\"0em\">" + HTMLEscaping.escape(name) + "</mo>",
            kind: .limitsFunction, suffix: "<mo>\u{2061}</mo>")
    }

    /// `\left( … \right)` as a row between stretchy fences.
    private mutating func parseFenced() -> Item {
        let open = readDelimiter()
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { return Item(markup: skipGroupAsSource()) }
        var inner = ""
        var items: [Item] = []
        while position < tokens.count {
            items += parseList(until: { $0 == .command("right") || $0 == .command("middle") })
            guard let token = peek() else { break }
            if token == .close { position += 1; continue }
            position += 1
            if token == .command("middle") {
                items.append(Item(markup: "<mo stretchy=\"true\">" + HTMLEscaping.escape(readDelimiter()) + "</mo>"))
                continue
            }
            break
        }
        inner = items.map { $0.markup + $0.suffix }.joined()
        let close = position <= tokens.count ? readDelimiter() : ""
        func fence(_ text: String, _ form: String) -> String {
            text.isEmpty ? "" : "<mo fence=\"true\" stretchy=\"true\" form=\"\(form)\">" + HTMLEscaping.escape(text) + "</mo>"
        }
        return Item(markup: "<mrow>" + fence(open, "prefix") + inner + fence(close, "postfix") + "</mrow>")
    }

    /// The delimiter after `\left`, `\right`, `\big`…: a character or a command (`.` is none).
    private mutating func readDelimiter() -> String {
        skipSpaces()
        guard let token = peek() else { return "" }
        position += 1
        switch token {
        case .character("."): return ""
        case .character(let character): return String(character)
        case .command(let name): return TeXSymbols.operators[name] ?? ""
        case .open: return "{"
        case .close: return "}"
        default: return ""
        }
    }

    /// The text of a `{…}` group as written (for `\text`, `\operatorname`, environment names).
    mutating func readRawGroup() -> String {
        skipSpaces()
        guard peek() == .open else {
            guard let token = peek() else { return "" }
            position += 1
            if case .character(let character) = token { return String(character) }
            return ""
        }
        position += 1
        var text = ""
        var level = 0
        while let token = peek() {
            position += 1
            switch token {
            case .open: level += 1; text += "{"
            case .close:
                if level == 0 { return text }
                level -= 1
                text += "}"
            case .character(let character): text.append(character)
            case .space: text += " "
            case .command(let name): text += TeXSymbols.identifiers[name] ?? TeXSymbols.operators[name] ?? ("\\" + name)
            case .upper: text += "^"
            case .lower: text += "_"
            case .alignment: text += "&"
            case .rowBreak: text += " "
            }
        }
        return text
    }

    /// Skips to the end of the group whose `{` was just read, returning its source as error text.
    mutating func skipGroupAsSource() -> String {
        var level = 0
        while let token = peek() {
            position += 1
            if token == .open { level += 1 }
            if token == .close {
                if level == 0 { break }
                level -= 1
            }
        }
        return "<mtext class=\"math-error\">…</mtext>"
    }

    func peek(_ offset: Int = 0) -> TeXToken? {
        position + offset < tokens.count ? tokens[position + offset] : nil
    }

    mutating func skipSpaces() {
        while peek() == .space { position += 1 }
    }
}
