import Foundation
import NotebookDocument

/// Front matter (YAML) and cell options (info strings and `//|` lines): generated headers with
/// known and unknown keys, odd values, anchors and aliases, deep nesting, duplicates. The parser
/// must accept them or reject them with a `DocumentError` inside the file, and what it accepts
/// must be valid (positive timeouts, Swift identifiers as parameter names, plain labels).
public struct HeaderFuzzTarget: FuzzTarget {
    public init() {}
    public var name: String { "header" }

    static let keys = ["title", "timeout", "params", "author", "date", "description", "colour", "Title", "params"]
    static let scalars = [
        "Notes", "\"quoted: yes\"", "'single'", "3", "-1", "0", "1e309", ".nan", ".inf", "2.5", "true", "no", "~",
        "null", "[a, b]", "{a: 1}", "&anchor value", "*anchor", "!!binary aGk=", "!!str 12", "|", ">", "\"unclosed",
        "'", "- item", "é✓ 𝛼", "\"<script>\"", "\t", ": :", "[", "{", "@reserved", "`tick`",
    ]
    static let names = [
        "epochs", "rate", "_x", "1abc", "let", "self", "naïve", "a-b", "", "a b", "x1", "π", "class", "lr",
    ]

    /// Lines of a random YAML block (without the `---` lines).
    static func frontMatterLines(_ random: inout FuzzRandom) -> [String] {
        var lines: [String] = []
        for _ in 0..<random.below(6) {
            let key = random.pick(keys)
            if key == "params" || random.chance(10) {
                lines.append("\(key):")
                for _ in 0..<random.below(4) {
                    let indent = random.chance(90) ? "  " : random.pick(["\t", " ", "    "])
                    lines.append("\(indent)\(random.pick(names)): \(random.pick(scalars))")
                }
            } else if random.chance(5) {
                let depth = 1 + random.below(3000)
                lines.append("\(key): " + String(repeating: random.pick(["[", "{a: ", "- "]), count: depth))
            } else {
                lines.append("\(key): \(random.pick(scalars))")
            }
        }
        if random.chance(10) { lines.append(random.pick(["plain text", "- a list", "---", "key", "  indented: 1"])) }
        return lines
    }

    static let optionKeys = [
        "echo", "eval", "output", "error", "cache", "result", "timeout", "label", "id", "colour", "",
    ]
    static let optionValues = [
        "true", "false", "yes", "no", "TRUE", "maybe", "3", "3s", "0", "-2", "1e999", "nan", "x", "a b", "\"q\"", "'q'",
        "", "é", "a-b_c", "\"", "::",
    ]

    public func input(_ random: inout FuzzRandom) -> [UInt8] {
        var lines = ["---"] + Self.frontMatterLines(&random) + ["---", "", "# Heading", ""]
        var info = random.pick(["swift", "{swift}", "swift"])
        for _ in 0..<random.below(4) {
            let key = random.pick(Self.optionKeys)
            info +=
                random.pick([" ", ",", "\t"]) + (random.chance(20) ? key : "\(key)=\(random.pick(Self.optionValues))")
        }
        lines.append("```" + info)
        for _ in 0..<random.below(4) {
            let key = random.pick(Self.optionKeys)
            lines.append(random.chance(10) ? "//| \(key)" : "//| \(key): \(random.pick(Self.optionValues))")
        }
        lines += ["print(1)", "```"]
        var bytes = Array(lines.joined(separator: "\n").utf8)
        if random.chance(20) { MarkdownFuzzTarget.mutate(&bytes, &random) }
        return bytes
    }

    public func check(_ input: [UInt8]) -> String? {
        if let problem = MarkdownFuzzTarget.checkParse(input) { return problem }
        guard let notebook = try? NotebookParser.parse(data: Data(input), path: "fuzz/notes.md") else { return nil }
        if let timeout = notebook.frontMatter.timeout, !(timeout > 0) {
            return "front matter timeout \(timeout) accepted"
        }
        for parameter in notebook.frontMatter.parameters where !SwiftIdentifier.isValid(parameter.name) {
            return "parameter name \(parameter.name.debugDescription) accepted"
        }
        for cell in notebook.codeCells where cell.isSwift {
            if let label = cell.options.label,
                !label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            {
                return "label \(label.debugDescription) accepted"
            }
        }
        return nil
    }
}
