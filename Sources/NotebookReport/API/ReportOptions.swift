import Foundation

/// How a report is rendered.
public struct ReportOptions: Sendable {
    /// The folder that relative image paths in the notes are resolved against; nil: the folder of
    /// the notebook's path.
    public var baseDirectory: String?
    /// The most bytes of one text output (merged stdout or stderr, or a text value) shown in full;
    /// a longer one shows its first and last parts with a notice.
    public var maximumOutputBytes: Int
    /// The most lines of one text output shown in full (see ``maximumOutputBytes``).
    public var maximumOutputLines: Int
    /// Text outputs with more lines than this are shown in a collapsible, scrolling box.
    public var collapsibleOutputLines: Int
    /// The largest local image embedded, in bytes; a bigger one is a warning.
    public var maximumImageBytes: Int
    /// The name and version of the program that made the report, shown in the footer and in
    /// `<meta name="generator">`.
    public var generator: String
    /// The time zone run dates are shown in.
    public var timeZone: TimeZone
    /// Whether to show a table of contents built from the h1–h3 headings of the notes.
    public var showsTableOfContents: Bool
    /// What the page carries beyond the report (the live preview's reload script).
    public var pageAdditions: PageAdditions

    /// Creates options; every argument has a default.
    public init(
        baseDirectory: String? = nil, maximumOutputBytes: Int = 200_000, maximumOutputLines: Int = 5_000,
        collapsibleOutputLines: Int = 60, maximumImageBytes: Int = 20_000_000,
        generator: String = "attention-notebooks", timeZone: TimeZone = .current,
        showsTableOfContents: Bool = true, pageAdditions: PageAdditions = PageAdditions()
    ) {
        self.baseDirectory = baseDirectory
        self.maximumOutputBytes = maximumOutputBytes
        self.maximumOutputLines = maximumOutputLines
        self.collapsibleOutputLines = collapsibleOutputLines
        self.maximumImageBytes = maximumImageBytes
        self.generator = generator
        self.timeZone = timeZone
        self.showsTableOfContents = showsTableOfContents
        self.pageAdditions = pageAdditions
    }
}
