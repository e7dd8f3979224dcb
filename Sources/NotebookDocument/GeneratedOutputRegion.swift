/// The outputs that `notebook render --to md` writes back under each cell, between two marker
/// lines:
///
/// ```
/// <!-- notebook:output -->
/// ...outputs as Markdown...
/// <!-- /notebook:output -->
/// ```
///
/// The parser reads such a region as blank lines (so line numbers stay those of the file and a
/// re-render never runs or shows old outputs), and the writer removes old regions before it puts
/// new ones in, so rendering a file in place again gives the same file.
public enum GeneratedOutputRegion {
    /// The line that opens a region.
    public static let beginMarker = "<!-- notebook:output -->"
    /// The line that closes a region.
    public static let endMarker = "<!-- /notebook:output -->"

    /// The 0-based line ranges of every region in `lines`, markers included. A region left open
    /// runs to the end of the text.
    public static func regions(in lines: [Substring]) -> [ClosedRange<Int>] {
        var regions: [ClosedRange<Int>] = []
        var start: Int?
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters()
            if start == nil, trimmed == beginMarker {
                start = index
            } else if let first = start, trimmed == endMarker {
                regions.append(first...index)
                start = nil
            }
        }
        if let first = start, !lines.isEmpty { regions.append(first...(lines.count - 1)) }
        return regions
    }

    /// `text` with every region's lines emptied (the line count is kept).
    public static func blankingRegions(in text: String) -> String {
        guard text.contains(beginMarker) else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for region in regions(in: lines) {
            for index in region { lines[index] = "" }
        }
        return lines.joined(separator: "\n")
    }
}
