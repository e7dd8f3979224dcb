import CMark
import Foundation

/// Reads a Markdown notebook into a ``Notebook``.
public enum NotebookParser {
    /// Reads and parses the file at `path`.
    ///
    /// - Throws: ``DocumentError`` when the file cannot be read, is not UTF-8 text, or is invalid.
    public static func parse(fileAt path: String) throws(DocumentError) -> Notebook {
        if let problem = NotebookPathCheck.problem(with: path) { throw problem }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DocumentError(file: path, line: 0, message: "no such file", hint: "check the path")
        }
        guard !isDirectory.boolValue else {
            throw DocumentError(file: path, line: 0, message: "is a folder, not a Markdown file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DocumentError(file: path, line: 0, message: "cannot be read", hint: "check its permissions")
        }
        return try parse(data: data, path: path)
    }

    /// Parses notebook bytes; `path` names the file in errors.
    public static func parse(data: Data, path: String) throws(DocumentError) -> Notebook {
        let bytes = [UInt8](data)
        if let zero = bytes.firstIndex(of: 0) {
            throw DocumentError(
                file: path, line: lineNumber(ofByte: zero, in: bytes),
                message: "holds a NUL byte: this is a binary file, not Markdown")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(in: bytes)
            throw DocumentError(
                file: path, line: lineNumber(ofByte: offset, in: bytes),
                message: "is not valid UTF-8 text (bad byte at offset \(offset))",
                hint: "save the notes as UTF-8")
        }
        return try parse(text: text, path: path)
    }

    /// Parses notebook text; `path` names the file in errors.
    public static func parse(text rawText: String, path: String) throws(DocumentError) -> Notebook {
        var text = rawText
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        // cmark ends lines at "\n", "\r\n" and a lone "\r": normalise all three, so the line
        // numbers it reports index the same lines as ours.
        if text.utf8.contains(UInt8(ascii: "\r")) { text = normalisingLineEnds(text) }
        let sourceText = text
        // Outputs written back by `render --to md` are not part of the notes.
        text = try GeneratedOutputRegion.blankingRegions(in: text, path: path)
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw DocumentError(
                file: path, line: 0, message: "is empty", hint: "write some Markdown and ```swift cells")
        }
        let lines = ByteSearch.lines(of: text)
        let frontMatter = try FrontMatterParser.parse(lines: lines, file: path)
        // Blank out the front matter so cmark's line numbers stay those of the file.
        let body =
            frontMatter.lineCount == 0
            ? text
            : (Array(repeating: "", count: frontMatter.lineCount)
                + lines.dropFirst(frontMatter.lineCount).map(String.init))
                .joined(separator: "\n")
        let (topLevel, document, protectedLines) = CommonMarkConverter.topLevelBlocks(of: body)
        let (blocks, definitions) = try assemble(
            topLevel, text: text, lines: lines, firstLine: frontMatter.lineCount + 1,
            protectedLines: Set(protectedLines.map(\.line)),
            treesKept: document.map {
                KeptTrees(document: $0, labelEndLines: labelEndLines(in: body), protectedLines: protectedLines)
            }, path: path)
        return Notebook(
            path: path, frontMatter: frontMatter, blocks: blocks, sourceText: sourceText,
            linkReferenceDefinitions: definitions)
    }

    /// Groups cmark's top-level blocks into prose blocks and code cells. cmark makes no block for
    /// a paragraph of link reference definitions (`[d]: https://…`), so the lines between blocks
    /// that are not blank are such definitions: they belong to the prose around them (a prose
    /// block spans every line between two code cells but the blank ones at its edges), and they
    /// are also returned, because GitHub applies a definition anywhere in the file. So are the
    /// definitions that begin a paragraph (``LeadingLinkDefinitions``), whose lines the
    /// paragraph's block spans; `protectedLines` are those whose footnote definition cmark read
    /// with a backslash before it.
    ///
    /// With `treesKept`, each prose block whose tree the report may use keeps its top-level
    /// nodes, moved out of the notebook's document (``ParsedProse``).
    private static func assemble(
        _ topLevel: [CommonMarkConverter.TopLevelBlock], text: String, lines: [Substring], firstLine: Int,
        protectedLines: Set<Int>, treesKept: KeptTrees?, path: String
    ) throws(DocumentError) -> (blocks: [Block], definitions: LinkReferenceDefinitions) {
        var definitions = LinkReferenceDefinitions()
        var blocks: [Block] = []
        var proseStart: Int?
        var proseStartColumn = 1
        var proseEnd = 0
        var proseEndColumn = 1
        var heading: String?
        var inline: [InlineExpression] = []
        var inlineCount = 0
        var ordinal = 0
        var proseNodes: [OpaquePointer] = []
        func closeProse() {
            guard let start = proseStart else { return }
            // The lines are one text's, one line feed apart: their span is the text between.
            let last = min(proseEnd, lines.count) - 1
            let markdown = start - 1 <= last ? String(text[lines[start - 1].startIndex..<lines[last].endIndex]) : ""
            let range = SourceRange(
                startLine: start, startColumn: proseStartColumn, endLine: proseEnd, endColumn: proseEndColumn)
            var prose = ProseBlock(
                markdown: markdown, startLine: start, firstHeading: heading, inlineExpressions: inline, range: range)
            if let treesKept, !proseNodes.isEmpty, treesKept.mayKeep(lines: start...proseEnd, nodes: proseNodes),
                let tree = CommonMarkConverter.document(movingOut: proseNodes)
            {
                prose.parsedTree = ParsedProse(
                    document: tree, firstLine: start, text: treesKept.parsedText(of: markdown, lines: start...proseEnd))
            }
            blocks.append(.prose(prose))
            proseStart = nil
            heading = nil
            inline = []
            proseNodes = []
        }
        /// Adds the link reference definitions that begin `block` (a paragraph, or a setext
        /// heading's) to `definitions`, when cmark reads those lines alone as nothing else.
        func addLeadingDefinitions(of block: CommonMarkConverter.TopLevelBlock) {
            guard block.startLine >= 1, block.startLine <= min(block.endLine, lines.count),
                LeadingLinkDefinitions.startsLikeDefinition(lines[block.startLine - 1])
            else { return }
            let blockLines = lines[(block.startLine - 1)..<min(block.endLine, lines.count)]
            let count = LeadingLinkDefinitions.lineCount(in: blockLines) { protectedLines.contains($0 + 1) }
            let definitionLines = Array(blockLines.prefix(count))
            guard count > 0, CommonMarkConverter.readsNothingBut(definitionLines.joined(separator: "\n")) else {
                return
            }
            definitions.add(lines: definitionLines, firstLine: block.startLine)
        }
        var covered = firstLine - 1
        /// Adds the lines after the last block and before `line` that are not blank (paragraphs
        /// of definitions) to the open prose and to `definitions`.
        func takeDefinitions(before line: Int) {
            var run: [Substring] = []
            var runStart = 0
            func closeRun() {
                if !run.isEmpty { definitions.add(lines: run, firstLine: runStart) }
                run = []
            }
            var definitionLine = covered + 1
            while definitionLine < min(line, lines.count + 1) {
                defer { definitionLine += 1 }
                let content = lines[definitionLine - 1]
                guard content.contains(where: { $0 != " " && $0 != "\t" }) else {
                    closeRun()
                    continue
                }
                if proseStart == nil {
                    proseStart = definitionLine
                    proseStartColumn = 1
                }
                proseEnd = definitionLine
                proseEndColumn = max(content.utf8.count, 1)
                if run.isEmpty { runStart = definitionLine }
                run.append(content)
            }
            closeRun()
            covered = max(covered, line - 1)
        }
        for block in topLevel {
            takeDefinitions(before: block.startLine)
            covered = max(covered, block.endLine)
            guard block.kind == .codeBlock else {
                if proseStart == nil {
                    proseStart = block.startLine
                    proseStartColumn = block.startColumn
                }
                proseEnd = block.endLine
                proseEndColumn = block.endColumn
                proseNodes.append(block.node)
                addLeadingDefinitions(of: block)
                for span in block.inlineCodeSpans {
                    inline.append(
                        try InlineExpressionLocator.expression(span, index: inlineCount, lines: lines, path: path))
                    inlineCount += 1
                }
                if block.kind == .heading, block.headingLevel == 1, heading == nil { heading = block.headingText }
                continue
            }
            // cmark may end a block on the line that ends it (a setext heading before an
            // indented code block): the prose stops before the cell.
            if proseStart != nil, proseEnd >= block.startLine {
                proseEnd = block.startLine - 1
                proseEndColumn = max(proseEnd >= 1 && proseEnd <= lines.count ? lines[proseEnd - 1].utf8.count : 1, 1)
                // Its last node's tree reaches into the cell: the report parses the text.
                proseNodes = []
            }
            closeProse()
            let fenceLine = block.startLine
            guard fenceLine >= 1, fenceLine <= lines.count else {
                throw DocumentError(file: path, line: fenceLine, message: "cannot locate this code block in the file")
            }
            let fence = Fence(line: lines[fenceLine - 1])
            if let fence {
                try checkClosed(fence, block: block, lines: lines, path: path)
            }
            let parsed = try CellOptionParser.parse(
                infoString: fence == nil ? "" : block.fenceInfo, code: block.literal.droppingFinalNewline(),
                fenceLine: fenceLine, file: path)
            let firstCodeLine = fence == nil ? fenceLine : fenceLine + 1
            blocks.append(
                .code(
                    CodeCell(
                        ordinal: ordinal, language: parsed.language, infoString: block.fenceInfo,
                        options: parsed.options, source: parsed.source,
                        sourceLine: firstCodeLine + parsed.optionLineCount, fenceLine: fenceLine,
                        range: SourceRange(
                            startLine: block.startLine, startColumn: block.startColumn,
                            endLine: max(block.endLine, block.startLine),
                            endColumn: block.endColumn))))
            ordinal += 1
        }
        takeDefinitions(before: lines.count + 1)
        closeProse()
        return (blocks, definitions)
    }

    /// `text` with every `\r\n` and lone `\r` made `\n`, on its bytes: a `\r` that starts a
    /// `Character` with a combining mark (`\r\u{301}`) ends a line for cmark too, and a
    /// replacement by `Character`s missed it (cmark's line numbers then ran ahead of ours, and a
    /// cell's fence was read as prose).
    static func normalisingLineEnds(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var afterReturn = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\r") {
                bytes.append(UInt8(ascii: "\n"))
                afterReturn = true
            } else {
                if !(afterReturn && byte == UInt8(ascii: "\n")) { bytes.append(byte) }
                afterReturn = false
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The notebook's cmark document, and what tells which prose blocks may keep their trees.
    private struct KeptTrees {
        var document: CommonMarkConverter.ParsedDocument
        /// The first and last line holding `]:` (where a link reference definition's label
        /// ends), if any.
        var labelEndLines: ClosedRange<Int>?
        /// The lines whose footnote definitions the notebook's parse protected, as the report
        /// protects a block's (``GFMFootnotes/protecting(_:in:except:)``), in order.
        var protectedLines: [CommonMarkConverter.ProtectedLine]

        /// Whether the block of `lines` may keep its tree: the notebook's parse and the report's
        /// parse of the block alone make the same tree when no link reference definition lies
        /// outside the block (none could resolve the block's references in one and not in the
        /// other). Both protect the same footnote definitions: a definition is one line's, and
        /// the code and HTML blocks that exempt one are the same in both trees.
        ///
        /// A code block that ends the block's last node may still be open at its end: in the
        /// notebook it takes the blank lines before the next cell, alone it does not.
        func mayKeep(lines: ClosedRange<Int>, nodes: [OpaquePointer]) -> Bool {
            if let labelEndLines,
                !(lines.contains(labelEndLines.lowerBound) && lines.contains(labelEndLines.upperBound))
            {
                return false
            }
            var last = nodes.last
            while let node = last {
                if cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK { return false }
                last = cmark_node_last_child(node)
            }
            return true
        }

        /// The text the notebook's parse read for the block of `lines` (whose Markdown is
        /// `markdown`), when its footnote definitions made it other than `markdown`.
        func parsedText(of markdown: String, lines: ClosedRange<Int>) -> String? {
            let inBlock = protectedLines.filter { lines.contains($0.line) }
            guard !inBlock.isEmpty else { return nil }
            return GFMFootnotes.protecting(
                inBlock.map { ($0.line - lines.lowerBound + 1, $0.indent) }, in: markdown, except: [])
        }
    }

    /// The first and last line (1-based) of `text` holding `]:`; nil when none does.
    private static func labelEndLines(in text: String) -> ClosedRange<Int>? {
        var text = text
        return text.withUTF8 { bytes in
            var line = 1
            var first: Int?
            var last = 0
            var previous: UInt8 = 0
            for byte in bytes {
                if byte == UInt8(ascii: "\n") {
                    line += 1
                } else if byte == UInt8(ascii: ":"), previous == UInt8(ascii: "]") {
                    if first == nil { first = line }
                    last = line
                }
                previous = byte
            }
            return first.map { $0...last }
        }
    }

    private static func checkClosed(
        _ fence: Fence, block: CommonMarkConverter.TopLevelBlock, lines: [Substring], path: String
    ) throws(DocumentError) {
        let last = block.endLine
        let closes = last > block.startLine && last <= lines.count && fence.isClosed(by: lines[last - 1])
        guard closes else {
            throw DocumentError(
                file: path, line: block.startLine,
                message: "code fence opened here is never closed",
                hint: "add a line with \(String(repeating: fence.character, count: fence.length)) after the cell's code"
            )
        }
    }

    private static func lineNumber(ofByte offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<min(offset, bytes.count)].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    private static func firstInvalidUTF8Offset(in bytes: [UInt8]) -> Int {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += String(scalar).utf8.count
            case .emptyInput: return offset
            case .error: return offset
            }
        }
    }
}

/// An opening code fence: ```` ``` ```` or `~~~`, at least three long.
struct Fence {
    let character: Character
    let length: Int

    init?(line: Substring) {
        var rest = line
        var indent = 0
        while rest.first == " ", indent < 4 {
            rest.removeFirst()
            indent += 1
        }
        guard indent < 4, let first = rest.first, first == "`" || first == "~" else { return nil }
        let run = rest.prefix(while: { $0 == first }).count
        guard run >= 3 else { return nil }
        character = first
        length = run
    }

    func isClosed(by line: Substring) -> Bool {
        let trimmed = line.trimmingCharacters()
        return trimmed.count >= length && trimmed.allSatisfy { $0 == character }
    }
}

extension String {
    func droppingFinalNewline() -> String {
        hasSuffix("\n") ? String(dropLast()) : self
    }
}
