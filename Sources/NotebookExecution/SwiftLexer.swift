import NotebookDocument

/// A small Swift lexer: enough to find a cell's brackets, statements and last expression without
/// a compiler. It understands comments (nested), string literals (multi-line, raw, interpolated)
/// and character-level punctuation; it never fails, whatever the input.
struct SwiftLexer {
    /// A token of Swift source.
    struct Token: Equatable {
        enum Kind: Equatable { case identifier, keyword, number, string, punctuation, `operator` }
        var kind: Kind
        var text: String
        /// Offsets into the lexed text's `utf8` view.
        var start: Int
        var end: Int
        /// 1-based line of the token's first character.
        var line: Int
    }

    /// An opening bracket that was never closed, or a closing one that has no opener.
    struct BracketProblem: Equatable {
        var message: String
        var line: Int
    }

    /// The tokens of `source`, comments and whitespace left out.
    static func tokens(_ source: String) -> [Token] {
        var scanner = Scanner(bytes: Array(source.utf8))
        return scanner.scanAll()
    }

    /// The first bracket problem of `source`, if any: an unclosed `{`, `(` or `[`, a stray closer,
    /// or an unterminated string or comment.
    static func bracketProblem(in source: String) -> BracketProblem? {
        var scanner = Scanner(bytes: Array(source.utf8))
        let tokens = scanner.scanAll()
        if let problem = scanner.problem { return problem }
        var stack: [Token] = []
        let pairs: [String: String] = [")": "(", "]": "[", "}": "{"]
        for token in tokens where token.kind == .punctuation {
            switch token.text {
            case "(", "[", "{": stack.append(token)
            case ")", "]", "}":
                guard let open = stack.last, open.text == pairs[token.text] else {
                    if let open = stack.last {
                        return BracketProblem(
                            message: "'\(token.text)' does not match the '\(open.text)' opened on line \(open.line)",
                            line: token.line)
                    }
                    return BracketProblem(message: "'\(token.text)' has no matching opening bracket", line: token.line)
                }
                stack.removeLast()
            default: break
            }
        }
        if let open = stack.last {
            return BracketProblem(message: "'\(open.text)' is never closed in this cell", line: open.line)
        }
        return nil
    }

    static let keywords: Set<String> = SwiftKeywords.all

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        var problem: BracketProblem?

        init(bytes: [UInt8]) { self.bytes = bytes }

        func peek(_ offset: Int = 0) -> UInt8? {
            index + offset < bytes.count ? bytes[index + offset] : nil
        }

        mutating func advance() {
            if bytes[index] == 0x0A { line += 1 }
            index += 1
        }

        mutating func scanAll() -> [Token] {
            var tokens: [Token] = []
            scanTokens(into: &tokens, untilInterpolationEnd: false)
            return tokens
        }

        /// Scans tokens; inside `\( ... )` it stops at the matching `)`.
        mutating func scanTokens(into tokens: inout [Token], untilInterpolationEnd: Bool) {
            var parenDepth = 0
            while let byte = peek() {
                if byte == 0x0A || byte == 0x20 || byte == 0x09 || byte == 0x0D {
                    advance()
                } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "/") {
                    while let next = peek(), next != 0x0A { advance() }
                } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                    skipBlockComment()
                } else if byte == UInt8(ascii: "\"") || (byte == UInt8(ascii: "#") && isRawStringStart()) {
                    let start = index, startLine = line
                    scanString(interpolations: &tokens)
                    tokens.append(Token(kind: .string, text: "\"…\"", start: start, end: index, line: startLine))
                } else if isIdentifierStart(byte) || byte == UInt8(ascii: "`") || byte == UInt8(ascii: "$") {
                    let start = index, startLine = line
                    if byte == UInt8(ascii: "`") {
                        advance()
                        while let next = peek(), next != UInt8(ascii: "`"), next != 0x0A { advance() }
                        if peek() == UInt8(ascii: "`") { advance() }
                    } else {
                        advance()
                        while let next = peek(), isIdentifierPart(next) { advance() }
                    }
                    let text = String(decoding: bytes[start..<index], as: UTF8.self)
                    let kind: Token.Kind = keywords.contains(text) ? .keyword : .identifier
                    tokens.append(Token(kind: kind, text: text, start: start, end: index, line: startLine))
                } else if isDigit(byte) {
                    let start = index
                    while let next = peek(), isIdentifierPart(next) || next == UInt8(ascii: ".") && peek(1).map(isDigit) == true {
                        advance()
                    }
                    tokens.append(Token(kind: .number, text: String(decoding: bytes[start..<index], as: UTF8.self), start: start, end: index, line: line))
                } else if "()[]{},;:".utf8.contains(byte) {
                    if untilInterpolationEnd {
                        if byte == UInt8(ascii: "(") { parenDepth += 1 }
                        if byte == UInt8(ascii: ")") {
                            if parenDepth == 0 { advance(); return }
                            parenDepth -= 1
                        }
                    }
                    tokens.append(Token(kind: .punctuation, text: String(UnicodeScalar(byte)), start: index, end: index + 1, line: line))
                    advance()
                } else if "=-+!*%<>&|^~?./@#\\".utf8.contains(byte) {
                    let start = index
                    if byte == UInt8(ascii: "@") || byte == UInt8(ascii: "#") {
                        advance()
                        while let next = peek(), isIdentifierPart(next) { advance() }
                    } else {
                        while let next = peek(), "=-+!*%<>&|^~?./".utf8.contains(next) {
                            if next == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "/") || peek(1) == UInt8(ascii: "*") { break }
                            advance()
                        }
                        if index == start { advance() }
                    }
                    tokens.append(Token(kind: .operator, text: String(decoding: bytes[start..<index], as: UTF8.self), start: start, end: index, line: line))
                } else {
                    advance()
                }
            }
            if untilInterpolationEnd, problem == nil {
                problem = BracketProblem(message: "string interpolation '\\(' is never closed", line: line)
            }
        }

        func isRawStringStart() -> Bool {
            var offset = 0
            while peek(offset) == UInt8(ascii: "#") { offset += 1 }
            return peek(offset) == UInt8(ascii: "\"")
        }

        mutating func skipBlockComment() {
            let startLine = line
            var depth = 0
            while let byte = peek() {
                if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                    depth += 1
                    advance(); advance()
                } else if byte == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                    depth -= 1
                    advance(); advance()
                    if depth == 0 { return }
                } else {
                    advance()
                }
            }
            if problem == nil { problem = BracketProblem(message: "comment '/*' is never closed", line: startLine) }
        }

        /// Scans a string literal starting at `#`* `"`; tokens inside interpolations are appended.
        mutating func scanString(interpolations tokens: inout [Token]) {
            let startLine = line
            var hashes = 0
            while peek() == UInt8(ascii: "#") { hashes += 1; advance() }
            let multiline = peek(1) == UInt8(ascii: "\"") && peek(2) == UInt8(ascii: "\"")
            let quotes = multiline ? 3 : 1
            for _ in 0..<quotes { advance() }
            while let byte = peek() {
                if byte == 0x0A, !multiline { break }
                if byte == UInt8(ascii: "\\") {
                    var offset = 1
                    var matched = true
                    for _ in 0..<hashes {
                        if peek(offset) != UInt8(ascii: "#") { matched = false; break }
                        offset += 1
                    }
                    if matched {
                        for _ in 0..<offset { advance() }
                        if peek() == UInt8(ascii: "(") {
                            advance()
                            scanTokens(into: &tokens, untilInterpolationEnd: true)
                        } else if peek() != nil {
                            advance()
                        }
                        continue
                    }
                }
                if byte == UInt8(ascii: "\"") {
                    var offset = 0
                    while offset < quotes, peek(offset) == UInt8(ascii: "\"") { offset += 1 }
                    if offset == quotes {
                        var closingHashes = 0
                        while closingHashes < hashes, peek(quotes + closingHashes) == UInt8(ascii: "#") { closingHashes += 1 }
                        if closingHashes == hashes {
                            for _ in 0..<(quotes + hashes) { advance() }
                            return
                        }
                    }
                }
                advance()
            }
            if problem == nil {
                problem = BracketProblem(message: "string literal is never closed", line: startLine)
            }
        }

        func isIdentifierStart(_ byte: UInt8) -> Bool {
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte >= 0x80
        }

        func isIdentifierPart(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }

        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    }
}
