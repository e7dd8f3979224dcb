import NotebookDocument

/// The state of one report rendering: options, warnings found so far, unique ids and the
/// heading anchors already taken.
final class RenderContext {
    let options: ReportOptions
    /// The notebook file, for warnings.
    let notebookPath: String
    /// The folder relative image paths are resolved against.
    let baseDirectory: String
    private(set) var warnings: [ReportWarning] = []
    /// The headings of the notes, in order, for the table of contents.
    private(set) var headings: [TableOfContents.Entry] = []
    /// What the prose's inline expressions showed in the run, by index.
    let inlineResults: [Int: InlineResult]
    /// Whether the page shows an attention explorer (and so carries its script).
    var needsAttentionExplorer = false
    private var nextID = 0
    /// Put before every id ``uniqueID(_:)`` makes (a fragment's id, when several share a page).
    private let idPrefix: String
    private var slugs = HeadingSlugger()
    /// The MathML of the formulas converted so far, reused for repeats.
    var mathML = MathMLCache()

    init(
        options: ReportOptions, notebookPath: String, reservedAnchors: [String] = [],
        inlineResults: [Int: InlineResult] = [:], idPrefix: String = ""
    ) {
        self.options = options
        self.idPrefix = idPrefix
        self.notebookPath = notebookPath
        self.inlineResults = inlineResults
        if let base = options.baseDirectory {
            baseDirectory = base
        } else if let slash = notebookPath.lastIndex(of: "/") {
            baseDirectory = slash == notebookPath.startIndex ? "/" : String(notebookPath[..<slash])
        } else {
            baseDirectory = "."
        }
        for anchor in reservedAnchors { slugs.reserve(anchor) }
        for anchor in ["top", "toc", "failures", "main"] { slugs.reserve(anchor) }
    }

    /// What is left of the link reference definitions prose blocks may still be rendered with
    /// (``carrying(_:to:)``).
    private var carriedDefinitions = CarriedDefinitionBudget()

    /// Those of `definitions` a prose block at `line` may be rendered with: each one that still
    /// fits the report's budget (``CarriedDefinitionBudget``). The first block that misses one
    /// gets a warning (once per report).
    func carrying(
        _ definitions: [LinkReferenceDefinitions.Definition], to line: Int
    ) -> [LinkReferenceDefinitions.Definition] {
        let warned = carriedDefinitions.firstMissed != nil
        let carried = carriedDefinitions.take(definitions)
        if !warned, let missed = carriedDefinitions.firstMissed {
            warn(
                line: line,
                "the link reference definition [\(missed.label)] (line \(missed.line)) is not applied "
                    + "here or in later prose: over \(CarriedDefinitionBudget.limit >> 20) MB of definitions were "
                    + "read for other prose blocks already; define the link next to where it is used")
        }
        return carried
    }

    /// Records a warning at `line` of the notebook.
    func warn(line: Int, _ message: String) {
        warnings.append(ReportWarning(location: SourceLocation(file: notebookPath, line: line), message: message))
    }

    /// What an inline expression's code span becomes: its value as text; a failed or unevaluated
    /// expression stays a code span (with the error, when it failed).
    func inlineReplacement(for expression: InlineExpression) -> InlineReplacement {
        let source = InlineExpression.marker + " " + expression.code
        switch inlineResults[expression.index] {
        case .value(let text)?: return .text(text)
        case .failed(let failure)?:
            let message = failure.message.split(separator: "\n").first.map(String.init) ?? failure.message
            return .code(source + " ⟶ " + failure.kind.rawValue + ": " + message)
        case .notRun?, nil: return .code(source)
        }
    }

    /// An id no other call returns (for SVG gradients and the like).
    func uniqueID(_ prefix: String) -> String {
        nextID += 1
        return "\(idPrefix)\(prefix)\(nextID)"
    }

    /// A GitHub-style anchor for a heading, unique in the page, remembered for the contents.
    func headingAnchor(level: Int, text: String) -> String {
        let slug = slugs.slug(for: text)
        headings.append(TableOfContents.Entry(level: level, text: text, anchor: slug))
        return slug
    }
}
