/// The commands of ``TeXParser``: symbols, fractions, roots, accents, styles, text, delimiters.
extension TeXParser {
    /// The item of `\name` (its arguments read from the tokens after it), or nil for commands
    /// that draw nothing (zero-width spaces, ignored commands, a `\big` without a delimiter).
    /// An unknown command is drawn as itself, marked as an error.
    mutating func parseCommand(_ name: String) -> Item? {
        if let width = TeXSymbols.spaces[name] {
            return width > 0 ? Item(markup: .element("mspace", [.init("width", "\(width)em")])) : nil
        }
        if TeXSymbols.ignored.contains(name) { return nil }
        if let item = symbol(name) { return item }
        if let accent = TeXSymbols.accents[name] {
            let base = parseArgument()
            let mark = Self.mo(accent.mark, [.init("stretchy", "\(accent.stretchy)")])
            return Item(markup: .element("mover", [.init("accent", "true")], [base, mark]))
        }
        if let size = TeXSymbols.bigSizes[name] {
            let delimiter = readDelimiter()
            guard !delimiter.isEmpty else { return nil }
            return Item(
                markup: Self.mo(
                    delimiter,
                    [
                        .init("minsize", "\(size)em"), .init("maxsize", "\(size)em"), .init("stretchy", "true"),
                        .init("symmetric", "true"),
                    ]))
        }
        if let style = MathVariant(command: name) {
            let saved = variant
            variant = style
            let argument = parseArgument()
            variant = saved
            return Item(markup: argument)
        }
        return parseConstruct(name)
    }

    /// A command that stands for one symbol of the tables: a Greek letter, an upright identifier,
    /// an operator or fence, a large operator, an integral, a named function.
    private func symbol(_ name: String) -> Item? {
        if let letter = TeXSymbols.greek[name] {
            let upright = letter.first?.isUppercase == true
            return Item(markup: Self.mi(letter, upright ? [.init("mathvariant", "normal")] : []))
        }
        if let symbol = TeXSymbols.identifiers[name] {
            return Item(markup: Self.mi(symbol, [.init("mathvariant", "normal")]))
        }
        if let symbol = TeXSymbols.operators[name] {
            let fence = Self.inlineFences.contains(name)
            return Item(markup: Self.mo(symbol, fence ? [.init("stretchy", "false")] : []))
        }
        if let symbol = TeXSymbols.largeOperators[name] {
            return Item(
                markup: Self.mo(symbol, [.init("largeop", "true"), .init("movablelimits", "true")]),
                kind: .largeOperator)
        }
        if let symbol = TeXSymbols.integrals[name] {
            return Item(markup: Self.mo(symbol, [.init("largeop", "true")]), kind: .integral)
        }
        if let limits = TeXSymbols.functions[name] {
            return function(name, limits: limits)
        }
        return nil
    }

    /// Fence operators written without `\left`/`\right`: they keep their size.
    private static let inlineFences: Set<String> = [
        "{", "}", "langle", "rangle", "lVert", "rVert", "|", "lvert", "rvert", "lfloor", "rfloor",
        "lceil", "rceil", "lbrace", "rbrace", "lbrack", "rbrack",
    ]

    /// The commands that build a structure from their arguments: fractions, binomials, roots,
    /// text, braces, stacked symbols, fences and environments.
    private mutating func parseConstruct(_ name: String) -> Item {
        switch name {
        case "frac", "dfrac", "tfrac", "cfrac":
            let numerator = parseArgument()
            let denominator = parseArgument()
            return Item(markup: .element("mfrac", [numerator, denominator]))
        case "binom", "dbinom", "tbinom":
            let top = parseArgument()
            let bottom = parseArgument()
            return Item(
                markup: .element(
                    "mrow",
                    [
                        Self.mo("("), .element("mfrac", [.init("linethickness", "0")], [top, bottom]), Self.mo(")"),
                    ]))
        case "sqrt":
            skipSpaces()
            if peek() == .character("[") {
                position += 1
                let index = TeXParser.row(parseList(until: { $0 == .character("]") }))
                if peek() == .character("]") { position += 1 }
                let radicand = parseArgument()
                return Item(markup: .element("mroot", [radicand, index]))
            }
            return Item(markup: .element("msqrt", [parseArgument()]))
        case "operatorname", "operatorname*", "mathop":
            let text = readRawGroup()
            return function(text, limits: name != "operatorname")
        case "text", "textrm", "textnormal", "mbox", "hbox", "textit", "texttt", "textsf", "mathtext":
            let text = readRawGroup()
            return Item(markup: .element("mtext", [.text(text)]))
        case "underline":
            return Item(
                markup: .element(
                    "munder", [.init("accentunder", "true")],
                    [
                        parseArgument(), Self.mo("_", [.init("stretchy", "true")]),
                    ]))
        case "overbrace":
            return Item(
                markup: .element("mover", [parseArgument(), Self.mo("⏞", [.init("stretchy", "true")])]),
                kind: .overUnder)
        case "underbrace":
            return Item(
                markup: .element("munder", [parseArgument(), Self.mo("⏟", [.init("stretchy", "true")])]),
                kind: .overUnder)
        case "stackrel", "overset":
            let over = parseArgument()
            let base = parseArgument()
            return Item(markup: .element("mover", [base, over]))
        case "underset":
            let under = parseArgument()
            let base = parseArgument()
            return Item(markup: .element("munder", [base, under]))
        case "left":
            return parseFenced()
        case "right", "middle":
            let delimiter = readDelimiter()
            return Item(markup: Self.mo(delimiter, [.init("stretchy", "true")]))
        case "begin":
            return parseEnvironment()
        default:
            return Item(markup: .element("mtext", class: "math-error", [.text("\\" + name)]))
        }
    }

    private func function(_ name: String, limits: Bool) -> Item {
        guard limits else {
            return Item(markup: Self.mi(name), suffix: Self.mo("\u{2061}"))
        }
        return Item(
            markup: Self.mo(name, [.init("movablelimits", "true"), .init("lspace", "0em"), .init("rspace", "0em")]),
            kind: .limitsFunction, suffix: Self.mo("\u{2061}"))
    }

    /// `\left( … \right)` as a row between stretchy fences.
    private mutating func parseFenced() -> Item {
        let open = readDelimiter()
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { return Item(markup: skipGroupAsSource()) }
        var items: [Item] = []
        while position < tokens.count {
            items += parseList(until: { $0 == .command("right") || $0 == .command("middle") })
            guard let token = peek() else { break }
            if token == .close {
                position += 1
                continue
            }
            position += 1
            if token == .command("middle") {
                items.append(Item(markup: Self.mo(readDelimiter(), [.init("stretchy", "true")])))
                continue
            }
            break
        }
        let close = position <= tokens.count ? readDelimiter() : ""
        func fence(_ text: String, _ form: String) -> HTMLNode {
            text.isEmpty
                ? .empty : Self.mo(text, [.init("fence", "true"), .init("stretchy", "true"), .init("form", form)])
        }
        return Item(markup: .element("mrow", [fence(open, "prefix")] + items.map(\.node) + [fence(close, "postfix")]))
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
            case .open:
                level += 1
                text += "{"
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
    mutating func skipGroupAsSource() -> HTMLNode {
        var level = 0
        while let token = peek() {
            position += 1
            if token == .open { level += 1 }
            if token == .close {
                if level == 0 { break }
                level -= 1
            }
        }
        return .element("mtext", class: "math-error", ["…"])
    }

    func peek(_ offset: Int = 0) -> TeXToken? {
        position + offset < tokens.count ? tokens[position + offset] : nil
    }

    mutating func skipSpaces() {
        while peek() == .space { position += 1 }
    }
}
