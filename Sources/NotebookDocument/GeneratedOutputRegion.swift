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

    /// The regions of a text: the closed ones and, when the last one is never closed, the
    /// 0-based line of its begin marker.
    public struct Layout: Sendable, Equatable {
        /// The 0-based line ranges of every closed region, markers included.
        public var regions: [ClosedRange<Int>]
        /// The begin marker's line of a region that runs to the end of the text without an end
        /// marker (an edit cut it off, or a merge lost it).
        public var unclosedStart: Int?
    }

    /// Finds the regions of `lines`. Inside a region, marker lines within fenced code blocks
    /// are text, not markers: the writer fences every output text with a fence longer than any
    /// run of backticks in it, so a cell that prints the end marker (and code after it) cannot
    /// end its region early and have its text read as notes, or run as a cell, next time.
    public static func layout(of lines: [Substring]) -> Layout {
        var layout = Layout(regions: [], unclosedStart: nil)
        var start: Int?
        var fence: (character: Character, length: Int)?
        for (index, line) in lines.enumerated() {
            guard let first = start else {
                if line.trimmingCharacters() == beginMarker { start = index }
                continue
            }
            if let open = fence {
                if closes(line, fence: open) { fence = nil }
            } else if let opening = openingFence(line) {
                fence = opening
            } else if line.trimmingCharacters() == endMarker {
                layout.regions.append(first...index)
                start = nil
            }
        }
        layout.unclosedStart = start
        return layout
    }

    /// The 0-based line ranges of every closed region in `lines`, markers included.
    public static func regions(in lines: [Substring]) -> [ClosedRange<Int>] {
        layout(of: lines).regions
    }

    /// `text` with every region's lines emptied (the line count is kept).
    ///
    /// - Throws: a region that is never closed, at its begin marker's line of `path`: its end
    ///   cannot be known, and reading to the end of the file would drop the cells after it.
    public static func blankingRegions(in text: String, path: String) throws(DocumentError) -> String {
        guard ByteSearch.contains(beginMarker, in: text) else { return text }
        var lines = ByteSearch.lines(of: text)
        let layout = layout(of: lines)
        if let start = layout.unclosedStart {
            throw DocumentError(
                file: path, line: start + 1,
                message: "output region opened here is never closed by a '\(endMarker)' line",
                hint:
                    "put the end marker back after the outputs, or delete the region: render --to md --in-place writes it again"
            )
        }
        for region in layout.regions {
            for index in region { lines[index] = "" }
        }
        return lines.joined(separator: "\n")
    }

    /// A fence that opens a code block: three or more backticks or tildes after at most three
    /// spaces.
    private static func openingFence(_ line: Substring) -> (character: Character, length: Int)? {
        let rest = line.drop(while: { $0 == " " })
        guard line.count - rest.count < 4, let first = rest.first, first == "`" || first == "~" else { return nil }
        let length = rest.prefix(while: { $0 == first }).count
        return length >= 3 ? (first, length) : nil
    }

    /// Whether `line` closes a block opened by `fence`: at least as many of its characters,
    /// then only spaces.
    private static func closes(_ line: Substring, fence: (character: Character, length: Int)) -> Bool {
        let rest = line.drop(while: { $0 == " " })
        guard line.count - rest.count < 4 else { return false }
        let run = rest.prefix(while: { $0 == fence.character }).count
        return run >= fence.length && rest.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" }
    }
}
