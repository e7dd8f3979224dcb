import NotebookDocument

/// A small HTML tokenizer after the HTML5 tokenization rules, enough to sanitise cmark's output
/// and the raw HTML people write in Markdown notes.
///
/// It never fails: malformed input becomes text. It knows the raw-text elements (`script`,
/// `style`, `textarea`, …), whose content is not markup, so `<script>"</script>"</script>` splits
/// where a browser would. Character references are decoded in text and attribute values.
package struct HTMLTokenizer {
    /// Elements whose content is raw text up to the matching end tag.
    static let rawTextElements: Set<String> = [
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
    ]

    /// The fragment's UTF-8 bytes: every delimiter is ASCII, so the tokenizer reads bytes and
    /// cuts text only next to ASCII bytes, at scalar boundaries.
    private let input: [UInt8]
    private var position = 0
    /// Whether a read looked past the input's end (markup, a comment or raw text left open): what
    /// follows the input would change its tokens.
    private var readPastEnd = false
    /// Whether the text after the last markup holds a `&` (a reference the following text may end).
    private var trailingTextHasAmpersand = false

    /// Tokenizes `html`.
    package static func tokenize(_ html: String) -> [HTMLToken] {
        var tokenizer = HTMLTokenizer(input: Array(html.utf8))
        return tokenizer.run()
    }

    /// The tokens of `html` as a fragment of a longer text: nil when they could depend on what
    /// follows it (it ends inside markup, a comment or a raw-text element, or its last text holds
    /// a `&`). Otherwise the tokens of the longer text are these, then those of the rest, with
    /// this fragment's last text and the rest's first text one token.
    package static func tokenizeFragment(_ html: [UInt8]) -> [HTMLToken]? {
        var tokenizer = HTMLTokenizer(input: html)
        let tokens = tokenizer.run()
        return tokenizer.readPastEnd || tokenizer.trailingTextHasAmpersand ? nil : tokens
    }

    private init(input: [UInt8]) {
        self.input = input
    }

    private mutating func run() -> [HTMLToken] {
        var tokens: [HTMLToken] = []
        // The text read since the last token: a run of the input (a `<` that starts no markup
        // is text too).
        var textStart = 0
        while position < input.count {
            guard input[position] == UInt8(ascii: "<") else {
                position += 1
                continue
            }
            let start = position
            guard let token = markup() else {
                position = start + 1
                continue
            }
            if textStart < start { tokens.append(.text(CharacterReference.decode(input[textStart..<start]))) }
            tokens.append(token)
            // As in browsers, `/>` does not end a raw-text element.
            if case .startTag(let name, _, _) = token {
                if name == "plaintext" {
                    tokens.append(.text(string(position..<input.count)))
                    position = input.count
                    readPastEnd = true
                } else if HTMLElementRule.of(name).isRawText {
                    let (content, closed) = rawText(until: name)
                    if !content.isEmpty { tokens.append(.text(content)) }
                    if closed { tokens.append(.endTag(name: name)) }
                }
            }
            textStart = position
        }
        if textStart < input.count {
            trailingTextHasAmpersand = input[textStart...].contains(UInt8(ascii: "&"))
            tokens.append(.text(CharacterReference.decode(input[textStart...])))
        }
        return tokens
    }

    /// Reads a tag, comment or declaration at `position` (which holds `<`); nil when what follows
    /// is not markup (the `<` is then text) or the input ends inside it.
    private mutating func markup() -> HTMLToken? {
        let next = peek(1)
        if next == UInt8(ascii: "!") {
            if matches("<!--", at: position) {
                let bodyStart = position + 4
                // `<!-->` and `<!--->` are (empty) comments too.
                if matches(">", at: bodyStart) {
                    position = bodyStart + 1
                    return .comment("")
                }
                if matches("->", at: bodyStart) {
                    position = bodyStart + 2
                    return .comment("")
                }
                var index = bodyStart
                while index < input.count {
                    if matches("-->", at: index) || matches("--!>", at: index) {
                        let body = string(bodyStart..<index)
                        position = index + (input[index + 2] == UInt8(ascii: "!") ? 4 : 3)
                        return .comment(body)
                    }
                    index += 1
                }
                position = input.count
                readPastEnd = true
                return .comment(string(bodyStart..<input.count))
            }
            return bogusComment(from: position + 2)
        }
        if next == UInt8(ascii: "?") { return bogusComment(from: position + 1) }
        if next == UInt8(ascii: "/") {
            guard let letter = peek(2), isASCIILetter(letter) else {
                if peek(2) == UInt8(ascii: ">") {
                    position += 3
                    return .comment("")
                }
                return peek(2) == nil ? nil : bogusComment(from: position + 2)
            }
            position += 2
            let name = tagName()
            // End tags may carry (ignored) attributes.
            guard attributes() != nil else { return nil }
            return .endTag(name: name)
        }
        guard let letter = next, isASCIILetter(letter) else { return nil }
        position += 1
        let name = tagName()
        guard let (attributes, selfClosing) = attributes() else { return nil }
        return .startTag(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    private mutating func bogusComment(from start: Int) -> HTMLToken {
        var index = start
        while index < input.count, input[index] != UInt8(ascii: ">") { index += 1 }
        if index >= input.count { readPastEnd = true }
        let body = string(start..<index)
        position = min(index + 1, input.count)
        return .comment(body)
    }

    /// A name up to white space, `/` or `>` (and, for an attribute, `=`), ASCII letters
    /// lowercased; the first byte is taken whatever it is.
    private mutating func name(stoppingAtEquals: Bool, takingFirst: Bool) -> String {
        let start = position
        if takingFirst, position < input.count { position += 1 }
        while let byte = peek(0), !isSpace(byte), byte != UInt8(ascii: "/"), byte != UInt8(ascii: ">"),
            !(stoppingAtEquals && byte == UInt8(ascii: "="))
        {
            position += 1
        }
        let name = input[start..<position]
        guard name.contains(where: { lowercased($0) != $0 }) else { return String(decoding: name, as: UTF8.self) }
        return String(decoding: name.map(lowercased), as: UTF8.self)
    }

    private mutating func tagName() -> String {
        name(stoppingAtEquals: false, takingFirst: false)
    }

    /// Reads attributes up to and including `>`; nil when the input ends first.
    private mutating func attributes() -> ([HTMLAttribute], Bool)? {
        var attributes: [HTMLAttribute] = []
        // The names kept so far; a set only once there are many (a tag has a few).
        var seen: Set<String>?
        while true {
            while let byte = peek(0), isSpace(byte) { position += 1 }
            guard let byte = peek(0) else { return nil }
            if byte == UInt8(ascii: ">") {
                position += 1
                return (attributes, false)
            }
            if byte == UInt8(ascii: "/") {
                position += 1
                if peek(0) == UInt8(ascii: ">") {
                    position += 1
                    return (attributes, true)
                }
                continue
            }
            let name = name(stoppingAtEquals: true, takingFirst: true)
            while let byte = peek(0), isSpace(byte) { position += 1 }
            var value = ""
            if peek(0) == UInt8(ascii: "=") {
                position += 1
                while let byte = peek(0), isSpace(byte) { position += 1 }
                guard let first = peek(0) else { return nil }
                if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
                    position += 1
                    let start = position
                    while let byte = peek(0), byte != first { position += 1 }
                    guard position < input.count else { return nil }
                    value = CharacterReference.decode(input[start..<position])
                    position += 1
                } else {
                    let start = position
                    while let byte = peek(0), !isSpace(byte), byte != UInt8(ascii: ">") { position += 1 }
                    value = CharacterReference.decode(input[start..<position])
                }
            }
            // The first of duplicated attributes wins, as in browsers.
            if seen == nil, attributes.count >= 8 { seen = Set(attributes.map(\.name)) }
            let isNew = seen?.insert(name).inserted ?? !attributes.contains { $0.name == name }
            if isNew { attributes.append(HTMLAttribute(name: name, value: value)) }
        }
    }

    /// The raw text up to `</name` (case-insensitive) followed by space, `/` or `>`; consumes the
    /// end tag too (`closed` is then true). Without an end tag, the rest of the input is the content.
    private mutating func rawText(until name: String) -> (content: String, closed: Bool) {
        let start = position
        let closing = Array(("</" + name).utf8)
        var index = position
        while index < input.count {
            if input[index] == UInt8(ascii: "<"), index + closing.count <= input.count {
                var same = true
                for offset in 0..<closing.count where lowercased(input[index + offset]) != closing[offset] {
                    same = false
                    break
                }
                if same {
                    if index + closing.count >= input.count { readPastEnd = true }
                    let after = index + closing.count < input.count ? input[index + closing.count] : UInt8(ascii: ">")
                    if isSpace(after) || after == UInt8(ascii: "/") || after == UInt8(ascii: ">") {
                        let content = string(start..<index)
                        position = index + closing.count
                        while let byte = peek(0), byte != UInt8(ascii: ">") { position += 1 }
                        position = min(position + 1, input.count)
                        return (content, true)
                    }
                }
            }
            index += 1
        }
        position = input.count
        readPastEnd = true
        return (string(start..<input.count), false)
    }

    /// The input's bytes in `range` as text.
    private func string(_ range: Range<Int>) -> String {
        String(decoding: input[range], as: UTF8.self)
    }

    private mutating func peek(_ offset: Int) -> UInt8? {
        guard position + offset < input.count else {
            readPastEnd = true
            return nil
        }
        return input[position + offset]
    }

    private mutating func matches(_ literal: StaticString, at index: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= input.count else {
            readPastEnd = true
            return false
        }
        return literal.withUTF8Buffer { bytes in
            for offset in 0..<count where input[index + offset] != bytes[offset] { return false }
            return true
        }
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }

    private func isASCIILetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
