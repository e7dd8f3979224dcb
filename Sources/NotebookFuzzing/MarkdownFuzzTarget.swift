import Foundation
import NotebookDocument

/// Markdown → notebook: generated notebooks (fences of every kind, options, front matter, line
/// endings) and byte-level mutations of them. The parser must return a notebook or a
/// `DocumentError` (never crash), the same one twice, and keep its promises: line numbers are
/// inside the file, and a fenced cell's source is the file's text at its recorded lines.
public struct MarkdownFuzzTarget: FuzzTarget {
    public init() {}
    public var name: String { "markdown" }

    static let prose = [
        "# Title", "## Section *two*", "Some text with `code` and $x^2$.", "- item", "  - nested", "> quote",
        "> > deeper", "1. first", "<div class=\"x\">", "</div>", "    indented code", "\tTabbed code", "***", "",
        "", "| a | b |", "[link](https://example.com)", "héllo ✓ 𝛼 — ünïcödé", "Setext", "======", "<!-- c -->",
        "<script>alert(1)</script>", "$$\n\\frac{a}{b}\n$$", "\\", "`", "  ```", "text ``` inline",
    ]
    static let infos = [
        "swift", "swift", "swift", "{swift}", "swift echo=false", "swift label=\"a b\"", "swift label=ok", "python",
        "", "swift colour=red", "swift timeout=2", "swift eval=maybe", "swift error", "swift,echo=false", "Swift",
        "swift result=false cache=no", "swift timeout=-1", "text", "swift id=x_1", "swift \"unclosed",
    ]
    static let code = [
        "print(1)", "//| echo: false", "//| timeout: 3s", "//| label: x", "//|", "//| key", "//| eval: true",
        "let x = \"```\"", "  ```swift", "~~~", "", "\tindented()", "// comment", "func f() {", "}", "//| error: yes",
        "  //| output: false", "let s = \"é✓\"", "    ", "```` not a close",
    ]

    public func input(_ random: inout FuzzRandom) -> [UInt8] {
        var text = Self.generate(&random)
        if random.chance(35) { Self.mutate(&text, &random) }
        return text
    }

    /// A notebook-like text.
    static func generate(_ random: inout FuzzRandom) -> [UInt8] {
        var lines: [String] = []
        if random.chance(30) {
            lines.append("---")
            lines += HeaderFuzzTarget.frontMatterLines(&random)
            if random.chance(90) { lines.append(random.pick(["---", "...", "--- ", "----"])) }
        }
        for _ in 0..<random.below(8) {
            for _ in 0..<random.below(4) { lines.append(random.pick(prose)) }
            let character = random.chance(80) ? "`" : "~"
            let length = 3 + random.below(3)
            let indent = String(repeating: " ", count: random.chance(80) ? 0 : random.below(5))
            lines.append(indent + String(repeating: character, count: length) + random.pick(infos))
            for _ in 0..<random.below(6) { lines.append(random.pick(code)) }
            if random.chance(92) {
                let closeLength = random.chance(80) ? length : length + random.below(3) - 1
                let closer = random.chance(95) ? character : (character == "`" ? "~" : "`")
                lines.append(
                    String(repeating: " ", count: random.below(3))
                        + String(repeating: closer, count: max(closeLength, 1))
                        + (random.chance(10) ? "  " : ""))
            }
        }
        var text = random.chance(5) ? "\u{FEFF}" : ""
        for (index, line) in lines.enumerated() {
            text += line
            if index < lines.count - 1 || random.chance(80) {
                text += random.chance(90) ? "\n" : random.pick(["\r\n", "\r"])
            }
        }
        return Array(text.utf8)
    }

    /// Byte-level changes: flips, deletions, duplications, insertions.
    static func mutate(_ bytes: inout [UInt8], _ random: inout FuzzRandom) {
        for _ in 0..<(1 + random.below(4)) {
            guard !bytes.isEmpty else {
                bytes = [UInt8(random.below(256))]
                continue
            }
            let position = random.below(bytes.count)
            switch random.below(6) {
            case 0: bytes[position] = UInt8(random.below(256))
            case 1: bytes[position] = random.pick(Array("`~\n\r -|:{}\"'#>$\\\t".utf8))
            case 2: bytes.removeSubrange(position..<min(bytes.count, position + 1 + random.below(16)))
            case 3:
                let end = min(bytes.count, position + 1 + random.below(64))
                bytes.insert(contentsOf: bytes[position..<end], at: random.below(bytes.count))
            case 4: bytes.insert(contentsOf: Array(random.pick(prose + code + infos).utf8) + [0x0A], at: position)
            default:
                bytes.insert(
                    contentsOf: random.pick([[0xFF], [0xC3], [0xE2, 0x9C], [0x0D], [0xEF, 0xBB, 0xBF], [0x00]]),
                    at: position)
            }
        }
    }

    public func check(_ input: [UInt8]) -> String? {
        Self.checkParse(input)
    }

    /// The parser's promises for any input.
    static func checkParse(_ input: [UInt8]) -> String? {
        let path = "fuzz/notes.md"
        let first: Notebook
        do {
            first = try NotebookParser.parse(data: Data(input), path: path)
        } catch {
            guard let location = error.location, location.file == path else {
                return "error names \(error.location?.file ?? "no file"), not the file"
            }
            let lineCount = input.reduce(1) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
            guard location.line >= 0, location.line <= lineCount + 1 else {
                return "error line \(location.line) is outside the file (\(lineCount) lines): \(error)"
            }
            guard !error.message.isEmpty else { return "empty error message" }
            return nil
        }
        // (Compared as text: a `.nan` parameter is never == itself.)
        guard let again = try? NotebookParser.parse(data: Data(input), path: path),
            String(describing: again) == String(describing: first)
        else {
            return "parsing twice gave different results"
        }
        // The file's lines as the parser promises to count them.
        guard var text = String(validating: input, as: UTF8.self) else { return "invalid UTF-8 was accepted" }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (expected, cell) in first.codeCells.enumerated() {
            guard cell.ordinal == expected else { return "cell ordinals are not 0, 1, 2, …" }
            guard cell.fenceLine >= 1, cell.fenceLine <= lines.count else {
                return "cell \(cell.ordinal): fence line \(cell.fenceLine) outside 1…\(lines.count)"
            }
            let sourceLines = cell.sourceLines
            guard cell.sourceLine >= cell.fenceLine,
                sourceLines.isEmpty || cell.sourceLine - 1 + sourceLines.count <= lines.count
            else {
                return
                    "cell \(cell.ordinal): source lines \(cell.sourceLine)+\(sourceLines.count) outside the file (\(lines.count) lines)"
            }
            let fenceText = lines[cell.fenceLine - 1]
            let fenced = fenceText.hasPrefix("```") || fenceText.hasPrefix("~~~")
            for (offset, line) in sourceLines.enumerated() {
                let fileLine = lines[cell.sourceLine - 1 + offset]
                if fenced, line != fileLine {
                    return
                        "cell \(cell.ordinal): source line \(offset + 1) is \(line.debugDescription) but line \(cell.sourceLine + offset) of the file is \(fileLine.debugDescription)"
                }
                if !fenced, !fileLine.contains("\t"), !fileLine.hasSuffix(line) {
                    return
                        "cell \(cell.ordinal): source line \(offset + 1) \(line.debugDescription) is not the end of file line \(cell.sourceLine + offset) \(fileLine.debugDescription)"
                }
            }
            if cell.isSwift {
                if let timeout = cell.options.timeout, !(timeout > 0) {
                    return "cell \(cell.ordinal): timeout \(timeout) accepted"
                }
                if let label = cell.options.label, label.isEmpty { return "cell \(cell.ordinal): empty label accepted" }
            }
        }
        for block in first.blocks {
            guard case .prose(let prose) = block else { continue }
            guard prose.startLine >= 1, prose.startLine <= lines.count else {
                return "prose start line \(prose.startLine) outside 1…\(lines.count)"
            }
        }
        return nil
    }
}
