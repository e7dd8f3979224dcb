/// A small HTML tokenizer after the HTML5 tokenization rules, enough to sanitise cmark's output
/// and the raw HTML people write in Markdown notes.
///
/// It never fails: malformed input becomes text. It knows the raw-text elements (`script`,
/// `style`, `textarea`, …), whose content is not markup, so `<script>"</script>"</script>` splits
/// where a browser would. Character references are decoded in text and attribute values.
struct HTMLTokenizer {
    /// Elements whose content is raw text up to the matching end tag.
    static let rawTextElements: Set<String> = [
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
    ]

    private let input: [Unicode.Scalar]
    private var position = 0

    /// Tokenizes `html`.
    static func tokenize(_ html: String) -> [HTMLToken] {
        var tokenizer = HTMLTokenizer(input: Array(html.unicodeScalars))
        return tokenizer.run()
    }

    private init(input: [Unicode.Scalar]) {
        self.input = input
    }

    private mutating func run() -> [HTMLToken] {
        var tokens: [HTMLToken] = []
        var text = ""
        func flushText() {
            if !text.isEmpty {
                tokens.append(.text(CharacterReference.decode(text)))
                text = ""
            }
        }
        while position < input.count {
            let scalar = input[position]
            guard scalar == "<" else {
                text.unicodeScalars.append(scalar)
                position += 1
                continue
            }
            let start = position
            if let token = markup() {
                flushText()
                tokens.append(token)
                // As in browsers, `/>` does not end a raw-text element.
                if case .startTag(let name, _, _) = token {
                    if name == "plaintext" {
                        tokens.append(.text(String(String.UnicodeScalarView(input[position...]))))
                        position = input.count
                    } else if Self.rawTextElements.contains(name) {
                        let (content, closed) = rawText(until: name)
                        if !content.isEmpty { tokens.append(.text(content)) }
                        if closed { tokens.append(.endTag(name: name)) }
                    }
                }
            } else {
                position = start + 1
                text.append("<")
            }
        }
        flushText()
        return tokens
    }

    /// Reads a tag, comment or declaration at `position` (which holds `<`); nil when what follows
    /// is not markup (the `<` is then text) or the input ends inside it.
    private mutating func markup() -> HTMLToken? {
        let next = peek(1)
        if next == "!" {
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
                        let body = String(String.UnicodeScalarView(input[bodyStart..<index]))
                        position = index + (input[index + 2] == "!" ? 4 : 3)
                        return .comment(body)
                    }
                    index += 1
                }
                position = input.count
                return .comment(String(String.UnicodeScalarView(input[bodyStart...])))
            }
            return bogusComment(from: position + 2)
        }
        if next == "?" { return bogusComment(from: position + 1) }
        if next == "/" {
            guard let letter = peek(2), isASCIILetter(letter) else {
                if peek(2) == ">" {
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
        while index < input.count, input[index] != ">" { index += 1 }
        let body = String(String.UnicodeScalarView(input[start..<index]))
        position = min(index + 1, input.count)
        return .comment(body)
    }

    private mutating func tagName() -> String {
        var name = ""
        while let scalar = peek(0), !isSpace(scalar), scalar != "/", scalar != ">" {
            name.unicodeScalars.append(lowercased(scalar))
            position += 1
        }
        return name
    }

    /// Reads attributes up to and including `>`; nil when the input ends first.
    private mutating func attributes() -> ([HTMLAttribute], Bool)? {
        var attributes: [HTMLAttribute] = []
        var seen: Set<String> = []
        while true {
            while let scalar = peek(0), isSpace(scalar) { position += 1 }
            guard let scalar = peek(0) else { return nil }
            if scalar == ">" {
                position += 1
                return (attributes, false)
            }
            if scalar == "/" {
                position += 1
                if peek(0) == ">" {
                    position += 1
                    return (attributes, true)
                }
                continue
            }
            var name = ""
            name.unicodeScalars.append(lowercased(scalar))
            position += 1
            while let scalar = peek(0), !isSpace(scalar), scalar != "/", scalar != ">", scalar != "=" {
                name.unicodeScalars.append(lowercased(scalar))
                position += 1
            }
            while let scalar = peek(0), isSpace(scalar) { position += 1 }
            var value = ""
            if peek(0) == "=" {
                position += 1
                while let scalar = peek(0), isSpace(scalar) { position += 1 }
                guard let first = peek(0) else { return nil }
                if first == "\"" || first == "'" {
                    position += 1
                    let start = position
                    while let scalar = peek(0), scalar != first { position += 1 }
                    guard position < input.count else { return nil }
                    value = String(String.UnicodeScalarView(input[start..<position]))
                    position += 1
                } else {
                    let start = position
                    while let scalar = peek(0), !isSpace(scalar), scalar != ">" { position += 1 }
                    value = String(String.UnicodeScalarView(input[start..<position]))
                }
            }
            // The first of duplicated attributes wins, as in browsers.
            if seen.insert(name).inserted {
                attributes.append(HTMLAttribute(name: name, value: CharacterReference.decode(value)))
            }
        }
    }

    /// The raw text up to `</name` (case-insensitive) followed by space, `/` or `>`; consumes the
    /// end tag too (`closed` is then true). Without an end tag, the rest of the input is the content.
    private mutating func rawText(until name: String) -> (content: String, closed: Bool) {
        let start = position
        let closing = Array(("</" + name).unicodeScalars)
        var index = position
        while index < input.count {
            if input[index] == "<", index + closing.count <= input.count {
                var same = true
                for offset in 0..<closing.count where lowercased(input[index + offset]) != closing[offset] {
                    same = false
                    break
                }
                if same {
                    let after = index + closing.count < input.count ? input[index + closing.count] : ">"
                    if isSpace(after) || after == "/" || after == ">" {
                        let content = String(String.UnicodeScalarView(input[start..<index]))
                        position = index + closing.count
                        while let scalar = peek(0), scalar != ">" { position += 1 }
                        position = min(position + 1, input.count)
                        return (content, true)
                    }
                }
            }
            index += 1
        }
        position = input.count
        return (String(String.UnicodeScalarView(input[start...])), false)
    }

    private func peek(_ offset: Int) -> Unicode.Scalar? {
        position + offset < input.count ? input[position + offset] : nil
    }

    private func matches(_ literal: String, at index: Int) -> Bool {
        var cursor = index
        for scalar in literal.unicodeScalars {
            guard cursor < input.count, input[cursor] == scalar else { return false }
            cursor += 1
        }
        return true
    }

    private func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{0C}"
    }

    private func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar
    }
}
