/// Whether a piece of Swift is complete enough to run (`is_complete_request`): brackets and
/// string literals balanced outside comments.
public enum CodeCompleteness: Sendable, Equatable {
    /// Balanced: run it.
    case complete
    /// An opening bracket, string or comment is still open: the client asks for more lines.
    case incomplete
    /// A closing bracket without its opening one.
    case invalid

    /// The state of `code`.
    public static func of(_ code: String) -> CodeCompleteness {
        let characters = Array(code.unicodeScalars)
        var stack: [Unicode.Scalar] = []
        var index = 0
        func at(_ offset: Int) -> Unicode.Scalar? {
            index + offset < characters.count ? characters[index + offset] : nil
        }
        while index < characters.count {
            let character = characters[index]
            if character == "/" && at(1) == "/" {
                while index < characters.count && characters[index] != "\n" { index += 1 }
                continue
            }
            if character == "/" && at(1) == "*" {
                index += 2
                var depth = 1
                while index < characters.count && depth > 0 {
                    if characters[index] == "/" && at(1) == "*" {
                        depth += 1
                        index += 1
                    } else if characters[index] == "*" && at(1) == "/" {
                        depth -= 1
                        index += 1
                    }
                    index += 1
                }
                if depth > 0 { return .incomplete }
                continue
            }
            if character == "\"" {
                let multiline = at(1) == "\"" && at(2) == "\""
                index += multiline ? 3 : 1
                var closed = false
                while index < characters.count {
                    let current = characters[index]
                    if current == "\\" {
                        index += 2
                        continue
                    }
                    if multiline ? (current == "\"" && at(1) == "\"" && at(2) == "\"") : current == "\"" {
                        index += multiline ? 3 : 1
                        closed = true
                        break
                    }
                    if current == "\n" && !multiline { return .invalid }
                    index += 1
                }
                if !closed { return .incomplete }
                continue
            }
            switch character {
            case "(", "[", "{": stack.append(character)
            case ")", "]", "}":
                let opening: Unicode.Scalar = character == ")" ? "(" : character == "]" ? "[" : "{"
                guard stack.last == opening else { return .invalid }
                stack.removeLast()
            default: break
            }
            index += 1
        }
        return stack.isEmpty ? .complete : .incomplete
    }
}
