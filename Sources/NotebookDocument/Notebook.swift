/// A parsed notebook: front matter, then prose blocks and code cells in document order.
public struct Notebook: Sendable, Equatable, Codable {
    /// The Markdown file's path, as the user named it.
    public var path: String
    /// The YAML front matter (empty when the file has none).
    public var frontMatter: FrontMatter
    /// Prose and code, in document order.
    public var blocks: [Block]
    /// The Markdown the notebook was parsed from, as parsed: without a byte-order mark, every
    /// line ending as `\n`, outputs of `render --to md` still in it. Blocks' and cells' ranges
    /// index its lines; the writers that keep the notes' text (`--to md`, the ipynb export) work
    /// from it instead of reading the file again.
    public var sourceText: String
    /// The notes' top-level link reference definitions (`[label]: url "title"`). GitHub applies
    /// a definition anywhere in the file, so a prose block is rendered with those it mentions.
    public var linkReferenceDefinitions: LinkReferenceDefinitions

    /// Creates a notebook.
    public init(
        path: String, frontMatter: FrontMatter, blocks: [Block], sourceText: String = "",
        linkReferenceDefinitions: LinkReferenceDefinitions = LinkReferenceDefinitions()
    ) {
        self.path = path
        self.frontMatter = frontMatter
        self.blocks = blocks
        self.sourceText = sourceText
        self.linkReferenceDefinitions = linkReferenceDefinitions
    }

    /// ``sourceText`` split into lines (line i + 1 of the file at index i).
    public var sourceLines: [Substring] { ByteSearch.lines(of: sourceText) }

    /// Every code block, runnable or not, in document order.
    public var codeCells: [CodeCell] {
        blocks.compactMap { if case .code(let cell) = $0 { cell } else { nil } }
    }

    /// The cells that run: Swift cells whose `eval` option is true.
    public var runnableCells: [CodeCell] {
        codeCells.filter { $0.isSwift && $0.options.eval }
    }

    /// Every inline expression of the prose, in document order (``InlineExpression/index`` is the
    /// position in this list).
    public var inlineExpressions: [InlineExpression] {
        blocks.flatMap { block -> [InlineExpression] in
            if case .prose(let prose) = block { return prose.inlineExpressions }
            return []
        }
    }

    /// The title: the front matter's `title`, else the first level-1 heading, else the file name.
    public var title: String {
        if let title = frontMatter.title { return title }
        for block in blocks {
            if case .prose(let prose) = block, let heading = prose.firstHeading { return heading }
        }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { return String(name[..<dot]) }
        return name
    }
}

/// A top-level piece of a notebook.
public enum Block: Sendable, Equatable, Codable {
    /// Markdown prose between code cells.
    case prose(ProseBlock)
    /// A fenced or indented code block.
    case code(CodeCell)
}

/// Consecutive Markdown blocks between two code cells, kept as source text.
public struct ProseBlock: Sendable, Equatable, Codable {
    /// The Markdown source of the blocks.
    public var markdown: String
    /// The 1-based line of the first source line.
    public var startLine: Int
    /// The text of the first heading in this prose, if any (used for the title).
    public var firstHeading: String?
    /// The inline expressions (`` `{swift} expr` ``) in this prose, in document order.
    public var inlineExpressions: [InlineExpression]
    /// Where the blocks sit: the first block's first character to the last block's last.
    public var range: SourceRange
    /// cmark's tree of the blocks from the parse of the whole notebook, when rendering may use it
    /// instead of parsing ``markdown`` again (``ParsedProse``). Neither compared nor encoded.
    package var parsedTree: ParsedProse?

    private enum CodingKeys: String, CodingKey {
        case markdown, startLine, firstHeading, inlineExpressions, range
    }

    /// Whether the two blocks have the same source, position, heading and expressions (a kept
    /// tree is a cache of `markdown`, not compared).
    public static func == (lhs: ProseBlock, rhs: ProseBlock) -> Bool {
        lhs.markdown == rhs.markdown && lhs.startLine == rhs.startLine && lhs.firstHeading == rhs.firstHeading
            && lhs.inlineExpressions == rhs.inlineExpressions && lhs.range == rhs.range
    }

    /// Creates a prose block; without `range`, it spans the lines of `markdown` from `startLine`.
    public init(
        markdown: String, startLine: Int, firstHeading: String? = nil, inlineExpressions: [InlineExpression] = [],
        range: SourceRange? = nil
    ) {
        self.markdown = markdown
        self.startLine = startLine
        self.firstHeading = firstHeading
        self.inlineExpressions = inlineExpressions
        if let range {
            self.range = range
        } else {
            let lines = ByteSearch.lines(of: markdown)
            self.range = SourceRange(
                startLine: startLine, startColumn: 1, endLine: startLine + lines.count - 1,
                endColumn: max(lines.last?.utf8.count ?? 1, 1))
        }
    }
}
