import Yams

/// Finds and reads the YAML front matter at the top of a notebook.
enum FrontMatterParser {
    /// Splits `lines` into front matter (parsed) and the line count it takes.
    static func parse(lines: [Substring], file: String) throws(DocumentError) -> FrontMatter {
        guard let first = lines.first, first.trimmingCharacters() == "---" else { return FrontMatter() }
        guard
            let closing = lines.indices.dropFirst().first(where: {
                let text = lines[$0].trimmingCharacters()
                return text == "---" || text == "..."
            })
        else {
            throw DocumentError(
                file: file, line: 1, message: "front matter opened here is never closed",
                hint: "end the YAML block with a line holding only '---'")
        }
        let yaml = lines[1..<closing].joined(separator: "\n")
        var frontMatter = FrontMatter(lineCount: closing + 1)
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw DocumentError(
                file: file, line: 1 + yamlLine(of: error), message: "malformed front matter: \(problem(of: error))",
                hint: "the block between the '---' lines must be YAML")
        } catch {
            throw DocumentError(file: file, line: 1, message: "malformed front matter: \(error)")
        }
        guard let node else { return frontMatter }
        guard case .mapping(let mapping) = node else {
            throw DocumentError(
                file: file, line: 1 + (node.mark?.line ?? 1),
                message: "front matter must be a YAML mapping (key: value lines)")
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let line = 1 + (keyNode.mark?.line ?? 1)
            switch key {
            case "title":
                guard let title = value.string else {
                    throw DocumentError(file: file, line: line, message: "front matter 'title' must be text")
                }
                frontMatter.title = title
            case "timeout":
                guard let seconds = value.float, seconds > 0 else {
                    throw DocumentError(
                        file: file, line: line, message: "front matter 'timeout' must be a positive number of seconds")
                }
                frontMatter.timeout = seconds
            case "params":
                frontMatter.parameters = try parameters(from: value, file: file, line: line)
            case "author", "date", "description":
                break
            default:
                let known = FrontMatter.knownKeys.joined(separator: ", ")
                throw DocumentError(
                    file: file, line: line, message: "unknown front matter key '\(key)'", hint: "known keys: \(known)")
            }
        }
        return frontMatter
    }

    private static func parameters(from node: Node, file: String, line: Int) throws(DocumentError) -> [Parameter] {
        guard case .mapping(let mapping) = node else {
            throw DocumentError(
                file: file, line: line, message: "front matter 'params' must be a mapping of names to default values",
                hint: "for example:\n  params:\n    epochs: 20")
        }
        var parameters: [Parameter] = []
        for (keyNode, valueNode) in mapping {
            let name = keyNode.string ?? ""
            let line = 1 + (keyNode.mark?.line ?? 1)
            guard SwiftIdentifier.isValid(name) else {
                throw DocumentError(
                    file: file, line: line, message: "parameter name '\(name)' is not a Swift identifier")
            }
            guard case .scalar(let scalar) = valueNode else {
                throw DocumentError(
                    file: file, line: line,
                    message: "parameter '\(name)' must have a single value (number, true/false or text)")
            }
            parameters.append(Parameter(name: name, value: value(of: scalar, node: valueNode), line: line))
        }
        return parameters
    }

    private static func value(of scalar: Node.Scalar, node: Node) -> ParameterValue {
        if scalar.style == .plain {
            if let bool = node.bool { return .bool(bool) }
            if let int = node.int { return .int(int) }
            if let double = node.float { return .double(double) }
        }
        return .string(scalar.string)
    }

    private static func yamlLine(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: 1
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        case .duplicatedKeysInMapping(let duplicates, _): "duplicated keys \(duplicates.joined(separator: ", "))"
        default: "\(error)"
        }
    }
}

/// Swift identifier rules, as far as parameter names need them.
public enum SwiftIdentifier {
    /// Names a constant cannot take: the reserved keywords, and names that would shadow what
    /// every cell needs (`Type`, `Protocol`) or mean nothing (`_`).
    static let unusableNames: Set<String> = SwiftKeywords.reserved.union(["Type", "Protocol", "_"])

    /// Whether `name` can be used as a Swift constant name.
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !unusableNames.contains(name) else { return false }
        guard first == "_" || first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }
}
