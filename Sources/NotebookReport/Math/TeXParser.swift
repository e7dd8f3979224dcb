/// Turns TeX math tokens into MathML (Core) markup: a recursive-descent parser over a practical
/// subset of LaTeX math. It never fails: unknown commands are shown as red text, missing
/// arguments are empty, unbalanced braces are closed at the end, and nesting deeper than
/// ``maximumDepth`` is shown as source.
struct TeXParser {
    /// A parsed piece and how scripts attach to it.
    struct Item {
        enum Kind { case ordinary, largeOperator, limitsFunction, integral, overUnder }
        var markup: HTMLNode
        var kind: Kind = .ordinary
        /// Markup that follows the item after its scripts (the invisible function application).
        var suffix: HTMLNode = .empty

        /// The item and its suffix.
        var node: HTMLNode { suffix.isEmpty ? markup : .fragment([markup, suffix]) }
    }

    static let maximumDepth = 40

    let tokens: [TeXToken]
    var position = 0
    let display: Bool
    var depth = 0
    var variant: MathVariant = .italic

    init(tokens: [TeXToken], display: Bool) {
        self.tokens = tokens
        self.display = display
    }

    /// The MathML of the whole input (without the `<math>` element).
    mutating func parse() -> HTMLNode {
        var items: [Item] = []
        while position < tokens.count {
            items += parseList(until: { _ in false })
            // A stray `}` ends a list early: skip it and go on.
            if position < tokens.count { position += 1 }
        }
        return Self.row(items)
    }

    static func row(_ items: [Item]) -> HTMLNode {
        items.count == 1 ? items[0].node : .element("mrow", items.map(\.node))
    }

    /// An empty row, for a missing argument.
    static let emptyRow = HTMLNode.element("mrow")

    /// The MathML element `name` with `children`.
    static func math(_ name: String, _ attributes: [HTMLNode.Attribute] = [], _ children: [HTMLNode]) -> HTMLNode {
        .element(name, attributes, children)
    }

    /// `<mo>text</mo>`, with attributes.
    static func mo(_ text: String, _ attributes: [HTMLNode.Attribute] = []) -> HTMLNode {
        .element("mo", attributes, [.text(text)])
    }

    /// `<mi>text</mi>`, with attributes.
    static func mi(_ text: String, _ attributes: [HTMLNode.Attribute] = []) -> HTMLNode {
        .element("mi", attributes, [.text(text)])
    }

    // MARK: Lists and scripts

    /// Items up to (not including) a token for which `stop` holds, or a `}`, or the end.
    mutating func parseList(until stop: (TeXToken) -> Bool) -> [Item] {
        var items: [Item] = []
        while let token = peek(), token != .close, !stop(token) {
            guard var item = parseAtom() else { continue }
            item = parseScripts(on: item)
            items.append(item)
        }
        return items
    }

    mutating func parseScripts(on base: Item) -> Item {
        var sub: HTMLNode?
        var sup: HTMLNode?
        while true {
            skipSpaces()
            guard let token = peek() else { break }
            if token == .lower, sub == nil {
                position += 1
                sub = parseArgument()
            } else if token == .upper, sup == nil {
                position += 1
                let argument = parseArgument()
                sup = sup.map { .fragment([$0, argument]) } ?? argument
            } else if token == .character("'") {
                position += 1
                sup = sup.map { .fragment([Self.mo("′"), $0]) } ?? Self.mo("′")
            } else {
                break
            }
        }
        guard sub != nil || sup != nil else { return base }
        // Large operators and `\max`-like functions carry `movablelimits`: MathML puts their
        // limits below and above in display style, at the side elsewhere (inline, in fractions).
        let limits = base.kind == .overUnder || base.kind == .largeOperator || base.kind == .limitsFunction
        let (under, over, both) = limits ? ("munder", "mover", "munderover") : ("msub", "msup", "msubsup")
        let markup: HTMLNode
        switch (sub, sup) {
        case (let sub?, let sup?): markup = .element(both, [base.markup, wrap(sub), wrap(sup)])
        case (let sub?, nil): markup = .element(under, [base.markup, wrap(sub)])
        case (nil, let sup?): markup = .element(over, [base.markup, wrap(sup)])
        default: markup = base.markup
        }

        return Item(markup: markup, kind: .ordinary, suffix: base.suffix)
    }

    /// A script or command argument: a group or a single atom (empty when missing).
    mutating func parseArgument() -> HTMLNode {
        skipSpaces()
        guard let token = peek() else { return Self.emptyRow }
        if token == .open { return parseGroup() }
        if token == .close || token == .upper || token == .lower { return Self.emptyRow }
        guard let item = parseAtom() else { return Self.emptyRow }
        return item.node
    }

    /// `{…}` as one row; the `{` is at `position`.
    mutating func parseGroup() -> HTMLNode {
        position += 1
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { return skipGroupAsSource() }
        let items = parseList(until: { _ in false })
        if peek() == .close { position += 1 }
        return items.isEmpty ? Self.emptyRow : Self.row(items)
    }

    func wrap(_ markup: HTMLNode) -> HTMLNode { markup.isEmpty ? Self.emptyRow : markup }

    // MARK: Atoms

    mutating func parseAtom() -> Item? {
        guard let token = peek() else { return nil }
        position += 1
        switch token {
        case .space, .alignment, .rowBreak:
            return nil
        case .open:
            position -= 1
            return Item(markup: parseGroup())
        case .close:
            return nil
        case .upper, .lower:
            // A script with no base: attach to an empty base.
            position -= 1
            return Item(markup: Self.emptyRow)
        case .character(let character):
            return parseCharacter(character)
        case .command(let name):
            return parseCommand(name)
        }
    }

    mutating func parseCharacter(_ character: Character) -> Item {
        if character.isNumber, character.isASCII {
            var number = String(variant == .italic || variant == .upright ? character : variant.apply(character))
            while let next = peek() {
                if case .character(let digit) = next, digit.isASCII, digit.isNumber {
                    number.append(variant == .italic || variant == .upright ? digit : variant.apply(digit))
                    position += 1
                } else if next == .character("."), case .character(let digit)? = peek(1), digit.isASCII, digit.isNumber
                {
                    number.append(".")
                    position += 1
                } else {
                    break
                }
            }
            return Item(markup: .element("mn", [.text(number)]))
        }
        if character.isLetter {
            switch variant {
            case .italic: return Item(markup: Self.mi(String(character)))
            case .upright: return Item(markup: Self.mi(String(character), [.init("mathvariant", "normal")]))
            default: return Item(markup: Self.mi(String(variant.apply(character))))
            }
        }
        switch character {
        case "~": return Item(markup: .element("mspace", [.init("width", "0.333em")]))
        case "-": return Item(markup: Self.mo("−"))
        case "*": return Item(markup: Self.mo("∗"))
        case "'": return Item(markup: Self.mo("′"))
        case "(", ")", "[", "]", "|", "/":
            return Item(markup: Self.mo(String(character), [.init("stretchy", "false")]))
        default:
            return Item(markup: Self.mo(String(character)))
        }
    }
}
