/// Reads a cell's options from its info string and its leading `//| key: value` lines.
enum CellOptionParser {
    /// The result of reading one code block's header.
    struct Parsed {
        var language: String
        var options: CellOptions
        var source: String
        var optionLineCount: Int
    }

    /// Parses the info string (on `fenceLine`) and the option lines at the top of `code`.
    static func parse(infoString: String, code: String, fenceLine: Int, file: String) throws(DocumentError) -> Parsed {
        var words = InfoStringLexer.words(in: infoString)
        var language = ""
        if let first = words.first, !first.contains("=") {
            language = first.trimmingBraces().lowercased()
            words.removeFirst()
        }
        var options = CellOptions()
        let isSwift = language == "swift"
        if isSwift {
            for word in words {
                let (key, value) = split(word, separator: "=")
                try apply(key: key, value: value ?? "true", to: &options, file: file, line: fenceLine)
            }
        }
        var lines = code.split(separator: "\n", omittingEmptySubsequences: false)
        var optionLineCount = 0
        if isSwift {
            while optionLineCount < lines.count {
                let trimmed = lines[optionLineCount].drop(while: { $0 == " " || $0 == "\t" })
                guard trimmed.hasPrefix("//|") else { break }
                let body = trimmed.dropFirst(3).trimmingCharacters()
                let line = fenceLine + 1 + optionLineCount
                let (key, value) = split(body, separator: ":")
                guard let value else {
                    throw DocumentError(
                        file: file, line: line, message: "cell option '\(body)' has no value",
                        hint: "write options as '//| key: value', for example '//| echo: false'")
                }
                try apply(key: key, value: value, to: &options, file: file, line: line)
                optionLineCount += 1
            }
            lines.removeFirst(optionLineCount)
        }
        return Parsed(
            language: language, options: options, source: lines.joined(separator: "\n"),
            optionLineCount: optionLineCount)
    }

    private static func split(_ text: some StringProtocol, separator: Character) -> (String, String?) {
        guard let index = text.firstIndex(of: separator) else {
            return (String(text).trimmingCharacters(), nil)
        }
        let key = text[..<index].trimmingCharacters()
        var value = text[text.index(after: index)...].trimmingCharacters()
        if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
            value = String(value.dropFirst().dropLast())
        }
        return (key, value)
    }

    private static func apply(key: String, value: String, to options: inout CellOptions, file: String, line: Int)
        throws(DocumentError)
    {
        func bool() throws(DocumentError) -> Bool {
            switch value.lowercased() {
            case "true", "yes": return true
            case "false", "no": return false
            default:
                throw DocumentError(
                    file: file, line: line, message: "cell option '\(key)' must be true or false, not '\(value)'")
            }
        }
        switch key {
        case "echo": options.echo = try bool()
        case "eval": options.eval = try bool()
        case "output": options.output = try bool()
        case "error": options.error = try bool()
        case "cache": options.cache = try bool()
        case "result": options.showResult = try bool()
        case "code-fold": options.codeFold = try bool()
        case "fig-cap": options.figureCaption = value
        case "fig-alt": options.figureAlt = value
        case "timeout":
            guard let seconds = Double(value.hasSuffix("s") ? String(value.dropLast()) : value), seconds > 0 else {
                throw DocumentError(
                    file: file, line: line,
                    message: "cell option 'timeout' must be a positive number of seconds, not '\(value)'")
            }
            options.timeout = seconds
        case "label", "id":
            guard !value.isEmpty, value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw DocumentError(
                    file: file, line: line,
                    message: "cell option '\(key)' must be letters, digits, '-' or '_', not '\(value)'")
            }
            options.label = value
        default:
            let known = CellOptions.knownKeys.joined(separator: ", ")
            throw DocumentError(
                file: file, line: line, message: "unknown cell option '\(key)'", hint: "known options: \(known)")
        }
    }
}

/// Splits an info string into words, keeping quoted values (`label="a b"`) whole.
enum InfoStringLexer {
    static func words(in text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                current.append(character)
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
                current.append(character)
            } else if character == " " || character == "\t" || character == "," {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.map { $0.trimmingBraces() }.filter { !$0.isEmpty }
    }
}

extension StringProtocol {
    func trimmingCharacters() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" || first == "\r" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice.removeLast() }
        return String(slice)
    }

    /// Removes Quarto's `{` `}` around an info string (```` ```{swift} ````).
    func trimmingBraces() -> String {
        var slice = Substring(self)
        if slice.first == "{" { slice.removeFirst() }
        if slice.last == "}" { slice.removeLast() }
        return String(slice)
    }
}
