/// The MathML of a page's formulas, converted once per distinct formula: TeX → MathML is a
/// pure function of the TeX and of inline/display, and notes repeat formulas (`$h_t$` in every
/// paragraph), so a repeat costs a dictionary look-up and one copy of the markup.
///
/// The markup is kept serialised (``HTMLNode/trusted(_:)``), so a repeat does not build and
/// walk a node tree either. It grows with the distinct formulas of one page only: a cache lives
/// as long as one report's rendering.
@_spi(ReportInternals) public struct MathMLCache {
    private struct Key: Hashable {
        var tex: String
        var display: Bool
    }

    private var markup: [Key: HTMLNode] = [:]
    /// How many formulas were converted (the look-ups that missed).
    public private(set) var conversions = 0

    /// An empty cache.
    public init() {}

    /// The MathML markup of `tex` (see ``TeXConverter/mathML(_:display:)``).
    public mutating func markup(_ tex: String, display: Bool) -> String {
        node(tex, display: display).render()
    }

    /// The MathML of `tex` as one trusted node, converted on the first request only.
    mutating func node(_ tex: String, display: Bool) -> HTMLNode {
        let key = Key(tex: tex, display: display)
        if let cached = markup[key] { return cached }
        conversions += 1
        let node = HTMLNode.trusted(TeXConverter.mathML(tex, display: display).render())
        markup[key] = node
        return node
    }
}
