/// Display math that lists several equations side by side (`a = b, \qquad c = d`) split into
/// those equations, so a narrow page can wrap them onto lines of their own instead of cutting
/// them off: MathML has no line breaking of its own.
enum DisplayMathParts {
    /// `tex` split at each `\qquad` outside braces, environments and `\left … \right` pairs
    /// (empty parts dropped); `[tex]` when there is no such separator.
    static func split(_ tex: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var index = tex.startIndex
        while index < tex.endIndex {
            let character = tex[index]
            if character == "\\" {
                let nameStart = tex.index(after: index)
                var nameEnd = nameStart
                while nameEnd < tex.endIndex, tex[nameEnd].isASCII, tex[nameEnd].isLetter {
                    nameEnd = tex.index(after: nameEnd)
                }
                if nameEnd == nameStart, nameEnd < tex.endIndex { nameEnd = tex.index(after: nameEnd) }  // `\{`, `\\`
                let name = tex[nameStart..<nameEnd]
                switch name {
                case "begin", "left": depth += 1
                case "end", "right": depth = max(0, depth - 1)
                default: break
                }
                if name == "qquad", depth == 0 {
                    parts.append(current)
                    current = ""
                } else {
                    current += tex[index..<nameEnd]
                }
                index = nameEnd
                continue
            }
            if character == "{" { depth += 1 }
            if character == "}" { depth = max(0, depth - 1) }
            current.append(character)
            index = tex.index(after: index)
        }
        parts.append(current)
        let nonEmpty = parts.filter { !$0.allSatisfy(\.isWhitespace) }
        return nonEmpty.count > 1 ? nonEmpty : [tex]
    }
}
