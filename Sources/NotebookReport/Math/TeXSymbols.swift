/// The TeX commands the math converter knows, by kind, read from
/// `assets/report/tables/tex-symbols.tsv` (kind, command, value; see the file's header).
enum TeXSymbols {
    /// Greek letters (identifiers; capitals upright).
    static let greek = table("greek")
    /// Symbols that are identifiers (ordinary).
    static let identifiers = table("identifier")
    /// Symbols that are operators, relations or punctuation.
    static let operators = table("operator")
    /// Large operators: limits go above and below in display math.
    static let largeOperators = table("large-operator")
    /// Integrals: limits stay at the side.
    static let integrals = table("integral")
    /// Named functions, set upright; the value says whether limits go below (`\max_x`).
    static let functions = table("function").mapValues { $0 == "limits-below" }
    /// Accents: the mark, and whether it stretches over its base.
    static let accents: [String: (mark: String, stretchy: Bool)] = Dictionary(
        rows("accent").compactMap { row in
            row.count >= 4 ? (String(row[1]), (String(row[2]), row[3] == "stretchy")) : nil
        },
        uniquingKeysWith: { first, _ in first })
    /// Spacing commands, in em.
    static let spaces = table("space").compactMapValues(Double.init)
    /// Commands that change nothing we draw.
    static let ignored = Set(rows("ignored").map { String($0[1]) })
    /// Delimiter sizes: `\big(` … `\Bigg)`, in em.
    static let bigSizes = table("big").compactMapValues(Double.init)

    private static let all = ReportAssets.rows(ReportAssets.texSymbols).filter { $0.count >= 2 }

    private static func rows(_ kind: String) -> [[Substring]] { all.filter { $0[0] == kind } }

    private static func table(_ kind: String) -> [String: String] {
        Dictionary(
            rows(kind).compactMap { $0.count >= 3 ? (String($0[1]), String($0[2])) : nil },
            uniquingKeysWith: { first, _ in first })
    }
}
