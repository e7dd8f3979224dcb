/// The one Swift tokenizer of the project: splits cell source into tokens that cover every byte
/// (whitespace and comments included), so the runner can find brackets, statements and a cell's
/// last expression, and the report can highlight code, from the same reading of the text.
///
/// It is a lexer, not a parser, and never fails: comments nest, string literals may be raw
/// (`#"…"#`), multi-line and interpolated (`\(…)`, with code tokens inside); an unterminated
/// string, comment or interpolation runs to the end of the text and is reported in ``problem``.
public struct SwiftTokenizer {
    /// A token: its kind and where it is, as offsets into the text's UTF-8 bytes.
    public struct Token: Sendable, Equatable {
        /// What a token is.
        public enum Kind: Sendable, Equatable {
            /// Spaces, tabs and line breaks.
            case whitespace
            /// `// …` to the end of the line, or a (nested) `/* … */`.
            case comment
            /// A name (backticked names included).
            case identifier
            /// A word of ``SwiftKeywords/all``.
            case keyword
            /// A number literal (`12`, `0x1F`, `1.5e-3`).
            case number
            /// Literal text of a string: quotes, hashes, characters and escapes, without interpolations.
            case stringText
            /// `\(` (with a raw string's hashes) opening an interpolation.
            case interpolationOpen
            /// The `)` that closes an interpolation.
            case interpolationClose
            /// `@name`.
            case attribute
            /// `#name` (`#if`, `#file`, `#expect`).
            case directive
            /// One of `( ) [ ] { } , ; :`.
            case punctuation
            /// A run of operator characters (`=`, `+=`, `?.`, `...`).
            case `operator`
            /// Anything else (a stray backslash, a control character).
            case other
        }

        /// The kind.
        public var kind: Kind
        /// The first byte's offset.
        public var start: Int
        /// The offset after the last byte.
        public var end: Int
        /// The 1-based line of the first byte.
        public var line: Int
    }

    /// A string, comment or interpolation that is never closed: what and where it opened.
    public struct Problem: Sendable, Equatable {
        /// What is open (`string literal is never closed`).
        public var message: String
        /// The 1-based line where it opened.
        public var line: Int

        /// Creates a problem.
        public init(message: String, line: Int) {
            self.message = message
            self.line = line
        }
    }

    /// The text's UTF-8 bytes.
    public let bytes: [UInt8]
    /// Every token, in order; together they cover every byte.
    public private(set) var tokens: [Token] = []
    /// The first unterminated string, comment or interpolation, if any.
    public private(set) var problem: Problem?

    private var index = 0
    private var line = 1

    /// Tokenizes `source`.
    public init(_ source: String) {
        bytes = Array(source.utf8)
        scanCode(insideInterpolation: false)
    }

    /// The text of `token`.
    public func text(of token: Token) -> String {
        String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where index < bytes.count {
            if bytes[index] == 0x0A { line += 1 }
            index += 1
        }
    }

    private mutating func emit(_ kind: Token.Kind, from start: Int, line startLine: Int) {
        if index > start { tokens.append(Token(kind: kind, start: start, end: index, line: startLine)) }
    }

    private mutating func fail(_ message: String, line startLine: Int) {
        if problem == nil { problem = Problem(message: message, line: startLine) }
    }

    /// Code tokens; inside an interpolation, up to (and including) the `)` that closes it.
    private mutating func scanCode(insideInterpolation: Bool) {
        let openedOn = line
        var parenDepth = 0
        while let byte = peek() {
            let start = index
            let startLine = line
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                while let next = peek(), next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D { advance() }
                emit(.whitespace, from: start, line: startLine)
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
                while let next = peek(), next != 0x0A { advance() }
                emit(.comment, from: start, line: startLine)
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
                scanBlockComment()
                emit(.comment, from: start, line: startLine)
            case UInt8(ascii: "\""):
                scanString()
            case UInt8(ascii: "#") where isRawStringStart():
                scanString()
            case UInt8(ascii: "@"), UInt8(ascii: "#"):
                advance()
                if let next = peek(), Self.isIdentifierStart(next) {
                    while let next = peek(), Self.isIdentifierPart(next) { advance() }
                    emit(byte == UInt8(ascii: "@") ? .attribute : .directive, from: start, line: startLine)
                } else {
                    emit(.operator, from: start, line: startLine)
                }
            case UInt8(ascii: "`"):
                advance()
                while let next = peek(), next != UInt8(ascii: "`"), next != 0x0A { advance() }
                if peek() == UInt8(ascii: "`") { advance() }
                emit(.identifier, from: start, line: startLine)
            case _ where Self.isIdentifierStart(byte) || byte == UInt8(ascii: "$"):
                advance()
                while let next = peek(), Self.isIdentifierPart(next) { advance() }
                let word = String(decoding: bytes[start..<index], as: UTF8.self)
                emit(SwiftKeywords.all.contains(word) ? .keyword : .identifier, from: start, line: startLine)
            case _ where Self.isDigit(byte):
                scanNumber()
                emit(.number, from: start, line: startLine)
            case UInt8(ascii: ")") where insideInterpolation && parenDepth == 0:
                advance()
                emit(.interpolationClose, from: start, line: startLine)
                return
            case _ where Self.punctuation.contains(byte):
                if insideInterpolation, byte == UInt8(ascii: "(") { parenDepth += 1 }
                if insideInterpolation, byte == UInt8(ascii: ")") { parenDepth -= 1 }
                advance()
                emit(.punctuation, from: start, line: startLine)
            case _ where Self.operatorCharacters.contains(byte):
                while let next = peek(), Self.operatorCharacters.contains(next) {
                    if next == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "/") || peek(1) == UInt8(ascii: "*"),
                        index > start
                    {
                        break
                    }
                    advance()
                }
                emit(.operator, from: start, line: startLine)
            default:
                advance()
                emit(.other, from: start, line: startLine)
            }
        }
        if insideInterpolation { fail("string interpolation '\\(' is never closed", line: openedOn) }
    }

    private mutating func scanBlockComment() {
        let startLine = line
        var depth = 0
        while let byte = peek() {
            if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                depth += 1
                advance(2)
            } else if byte == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                depth -= 1
                advance(2)
                if depth == 0 { return }
            } else {
                advance()
            }
        }
        fail("comment '/*' is never closed", line: startLine)
    }

    /// Digits, letters (hex digits, exponent markers, suffix-less separators `_`), a `.` followed
    /// by a digit, and a sign right after an exponent marker.
    private mutating func scanNumber() {
        advance()
        while let next = peek() {
            let previous = bytes[index - 1]
            let exponentSign =
                (next == UInt8(ascii: "-") || next == UInt8(ascii: "+"))
                && (previous == UInt8(ascii: "e") || previous == UInt8(ascii: "E") || previous == UInt8(ascii: "p")
                    || previous == UInt8(ascii: "P"))
            if Self.isIdentifierPart(next) || exponentSign
                || (next == UInt8(ascii: ".") && peek(1).map(Self.isDigit) == true)
            {
                advance()
            } else {
                break
            }
        }
    }

    private func isRawStringStart() -> Bool {
        var offset = 0
        while peek(offset) == UInt8(ascii: "#") { offset += 1 }
        return peek(offset) == UInt8(ascii: "\"")
    }

    /// A string literal from its opening `#`*`"` to its closing quote: text pieces, and the code
    /// tokens of each interpolation between them.
    private mutating func scanString() {
        let openedOn = line
        var pieceStart = index
        var pieceLine = line
        var hashes = 0
        while peek() == UInt8(ascii: "#") {
            hashes += 1
            advance()
        }
        let multiline = peek(1) == UInt8(ascii: "\"") && peek(2) == UInt8(ascii: "\"")
        let quotes = multiline ? 3 : 1
        advance(quotes)
        while let byte = peek() {
            if byte == 0x0A, !multiline { break }
            if byte == UInt8(ascii: "\\"), (0..<hashes).allSatisfy({ peek(1 + $0) == UInt8(ascii: "#") }) {
                if peek(1 + hashes) == UInt8(ascii: "(") {
                    emit(.stringText, from: pieceStart, line: pieceLine)
                    let open = index
                    let openLine = line
                    advance(2 + hashes)
                    emit(.interpolationOpen, from: open, line: openLine)
                    scanCode(insideInterpolation: true)
                    pieceStart = index
                    pieceLine = line
                } else {
                    advance(2 + hashes)
                }
                continue
            }
            if byte == UInt8(ascii: "\""), (0..<quotes).allSatisfy({ peek($0) == UInt8(ascii: "\"") }),
                (0..<hashes).allSatisfy({ peek(quotes + $0) == UInt8(ascii: "#") })
            {
                advance(quotes + hashes)
                emit(.stringText, from: pieceStart, line: pieceLine)
                return
            }
            advance()
        }
        emit(.stringText, from: pieceStart, line: pieceLine)
        fail("string literal is never closed", line: openedOn)
    }

    private static let punctuation = Set("()[]{},;:".utf8)
    private static let operatorCharacters = Set("=-+!*%<>&|^~?./\\".utf8)

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte >= 0x80
    }

    static func isIdentifierPart(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
