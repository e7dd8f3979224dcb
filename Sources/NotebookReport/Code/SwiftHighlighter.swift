/// Swift syntax highlighting: a small tokenizer that wraps keywords, strings (multi-line, raw,
/// with interpolation), comments (nested block comments too), numbers, type names, attributes and
/// `#` directives in `<span class="…">`; everything else is escaped text.
///
/// It never fails on broken code: an unterminated string or comment runs to the end.
enum SwiftHighlighter {
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw",
        "switch", "where", "while", "as", "is", "try", "await", "async", "throws", "super", "self", "Self",
        "some", "any", "mutating", "nonmutating", "lazy", "weak", "unowned", "override", "final", "required",
        "convenience", "dynamic", "indirect", "get", "set", "willSet", "didSet", "actor", "nonisolated",
        "isolated", "consume", "borrowing", "consuming", "macro", "package", "each", "sending",
    ]
    static let literals: Set<String> = ["true", "false", "nil"]

    private enum Context {
        /// Code; inside an interpolation, `parens` counts the open parentheses.
        case code(interpolation: Bool, parens: Int)
        case string(hashes: Int, multiline: Bool)
    }

    /// The highlighted `source`: text and `<span class="…">` elements (no surrounding `<pre>`).
    static func highlight(_ source: String) -> HTMLNode {
        let scalars = Array(source.unicodeScalars)
        var nodes: [HTMLNode] = []
        var stack: [Context] = [.code(interpolation: false, parens: 0)]
        var index = 0

        func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
        func emit(_ range: Range<Int>, _ kind: String?) {
            guard !range.isEmpty else { return }
            let content = HTMLNode.text(text(range))
            nodes.append(kind.map { .element("span", class: $0, [content]) } ?? content)
        }
        func at(_ offset: Int) -> Unicode.Scalar? { index + offset < scalars.count ? scalars[index + offset] : nil }
        func hashes(from start: Int) -> Int {
            var count = 0
            while start + count < scalars.count, scalars[start + count] == "#" { count += 1 }
            return count
        }

        while index < scalars.count {
            switch stack[stack.count - 1] {
            case .string(let hashCount, let multiline):
                // Scan string content up to an escape, interpolation or the closing quote.
                let start = index
                var closed = false
                while index < scalars.count {
                    let scalar = scalars[index]
                    if scalar == "\\", hashes(from: index + 1) >= hashCount {
                        let afterHashes = index + 1 + hashCount
                        if afterHashes < scalars.count, scalars[afterHashes] == "(" {
                            emit(start..<index, "str")
                            emit(index..<(afterHashes + 1), "interp")
                            index = afterHashes + 1
                            stack.append(.code(interpolation: true, parens: 0))
                            break
                        }
                        index = min(afterHashes + 1, scalars.count)
                        continue
                    }
                    if scalar == "\n", !multiline {
                        index += 1
                        closed = true
                        emit(start..<index, "str")
                        break
                    }
                    if scalar == "\"" {
                        let quotes = multiline ? 3 : 1
                        var matches = index + quotes <= scalars.count
                        if matches { for offset in 0..<quotes where scalars[index + offset] != "\"" { matches = false } }
                        if matches, hashes(from: index + quotes) >= hashCount {
                            index += quotes + hashCount
                            closed = true
                            emit(start..<index, "str")
                            break
                        }
                    }
                    index += 1
                }
                if closed {
                    stack.removeLast()
                } else if case .string = stack[stack.count - 1], index >= scalars.count {
                    emit(start..<index, "str")
                }
            case .code(let interpolation, let parens):
                let scalar = scalars[index]
                let start = index
                if scalar == "/", at(1) == "/" {
                    while index < scalars.count, scalars[index] != "\n" { index += 1 }
                    emit(start..<index, "com")
                } else if scalar == "/", at(1) == "*" {
                    var depth = 0
                    while index < scalars.count {
                        if scalars[index] == "/", at(1) == "*" {
                            depth += 1
                            index += 2
                        } else if scalars[index] == "*", at(1) == "/" {
                            depth -= 1
                            index += 2
                            if depth == 0 { break }
                        } else {
                            index += 1
                        }
                    }
                    emit(start..<index, "com")
                } else if scalar == "\"" || (scalar == "#" && isRawStringStart(scalars, index)) {
                    let hashCount = hashes(from: index)
                    index += hashCount
                    let multiline = index + 2 < scalars.count && scalars[index + 1] == "\"" && scalars[index + 2] == "\""
                    index += multiline ? 3 : 1
                    emit(start..<index, "str")
                    stack.append(.string(hashes: hashCount, multiline: multiline))
                } else if isDigit(scalar) {
                    index += 1
                    while let next = at(0), isIdentifierPart(next) || next == "."
                        && at(1).map(isDigit) == true || (next == "-" || next == "+")
                        && (scalars[index - 1] == "e" || scalars[index - 1] == "E" || scalars[index - 1] == "p")
                    {
                        index += 1
                    }
                    emit(start..<index, "num")
                } else if (scalar == "@" || scalar == "#"), let next = at(1), isIdentifierStart(next) {
                    index += 1
                    while let next = at(0), isIdentifierPart(next) { index += 1 }
                    emit(start..<index, scalar == "@" ? "attr" : "dir")
                } else if isIdentifierStart(scalar) {
                    while let next = at(0), isIdentifierPart(next) { index += 1 }
                    let word = text(start..<index)
                    let kind: String? =
                        keywords.contains(word) ? "kw"
                        : literals.contains(word) ? "lit"
                        : scalar.properties.isUppercase ? "type"
                        : at(0) == "(" ? "fn" : nil
                    emit(start..<index, kind)
                } else if scalar == "`" {
                    index += 1
                    while let next = at(0), next != "`", next != "\n" { index += 1 }
                    if at(0) == "`" { index += 1 }
                    emit(start..<index, nil)
                } else if interpolation, scalar == ")", parens == 0 {
                    index += 1
                    emit(start..<index, "interp")
                    stack.removeLast()
                } else {
                    if interpolation, scalar == "(" {
                        stack[stack.count - 1] = .code(interpolation: true, parens: parens + 1)
                    } else if interpolation, scalar == ")" {
                        stack[stack.count - 1] = .code(interpolation: true, parens: parens - 1)
                    }
                    index += 1
                    // Plain punctuation and spaces: collect a run of them.
                    while let next = at(0), !interpolation, isPlain(next), !(next == "/" && (at(1) == "/" || at(1) == "*")) {
                        index += 1
                    }
                    emit(start..<index, nil)
                }
            }
        }
        return .fragment(nodes)
    }

    private static func isRawStringStart(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        var cursor = index
        while cursor < scalars.count, scalars[cursor] == "#" { cursor += 1 }
        return cursor < scalars.count && scalars[cursor] == "\""
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic
    }

    private static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || isDigit(scalar)
    }

    /// Characters that never start a token of their own kind.
    private static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        !(isIdentifierStart(scalar) || isDigit(scalar) || scalar == "\"" || scalar == "#" || scalar == "@"
            || scalar == "`" || scalar == "(" || scalar == ")")
    }
}
