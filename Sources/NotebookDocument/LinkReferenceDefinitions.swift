/// The notes' top-level link reference definitions (`[label]: url "title"`), which GitHub
/// applies anywhere in the file: a prose block is rendered with the ones it mentions that are
/// defined elsewhere (``used(in:outside:)``).
///
/// The parser lists the top-level ones: a paragraph of definitions (cmark gives it no block) and
/// the definitions that begin a paragraph of text (``LeadingLinkDefinitions``). One inside a
/// list or a quote stays its block's.
public struct LinkReferenceDefinitions: Sendable, Equatable, Codable {
    /// One definition, as written.
    public struct Definition: Sendable, Equatable, Codable {
        /// The label, normalised as CommonMark matches labels (case folded, inner whitespace
        /// collapsed to one space, trimmed).
        public var label: String
        /// The definition's Markdown: its lines, from the one with `[label]:`.
        public var markdown: String
        /// The 1-based line where it starts.
        public var line: Int
    }

    /// Every definition, in document order.
    public private(set) var definitions: [Definition] = []
    /// The first definition of each label (the one that counts), by normalised label.
    private var firstByLabel: [String: Int] = [:]

    /// No definitions.
    public init() {}

    private enum CodingKeys: String, CodingKey { case definitions }

    /// Reads the definitions (the index by label is rebuilt).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        for definition in try container.decode([Definition].self, forKey: .definitions) { append(definition) }
    }

    /// Writes the definitions.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(definitions, forKey: .definitions)
    }

    /// Whether there are none.
    public var isEmpty: Bool { definitions.isEmpty }

    /// Adds the definitions in `lines` (consecutive lines of one paragraph of definitions, the
    /// first at `firstLine`): a line that starts (after at most 3 spaces) with `[label]:` starts
    /// one; any other line continues the one before (a destination or title on its own line).
    /// A footnote's definition (`[^1]: word`) is not one: the footnote pass takes it in its own
    /// prose block (the notebook's parse protects those outside code, so cmark reads none here;
    /// the check stays for definitions read without that parse).
    mutating func add(lines: [Substring], firstLine: Int) {
        var current: Int?
        for (offset, line) in lines.enumerated() {
            if let label = Self.label(startingDefinition: line) {
                guard !label.hasPrefix("^") else {
                    current = nil
                    continue
                }
                current = definitions.count
                append(Definition(label: label, markdown: String(line), line: firstLine + offset))
            } else if let current {
                definitions[current].markdown += "\n" + line
            }
        }
    }

    /// Adds `definition` last; it counts for its label when it is the label's first.
    private mutating func append(_ definition: Definition) {
        if firstByLabel[definition.label] == nil { firstByLabel[definition.label] = definitions.count }
        definitions.append(definition)
    }

    /// The definitions `markdown` may use that start outside `lines` (its own lines, whose
    /// definitions cmark reads anyway): the first definition of each label that appears between
    /// brackets in it, in document order. Linear in `markdown`'s length.
    public func used(in markdown: String, outside lines: ClosedRange<Int>) -> [Definition] {
        guard !firstByLabel.isEmpty else { return [] }
        var found = Set<Int>()
        for candidate in Self.bracketedTexts(in: markdown) {
            if let index = firstByLabel[Self.normalised(candidate)], !lines.contains(definitions[index].line) {
                found.insert(index)
            }
        }
        return found.sorted().map { definitions[$0] }
    }

    /// The label of the definition `line` starts, normalised; nil when it starts none.
    static func label(startingDefinition line: Substring) -> String? {
        let indent = line.utf8.prefix { $0 == UInt8(ascii: " ") }.count
        guard indent <= 3 else { return nil }
        let text = line.utf8.dropFirst(indent)
        guard text.first == UInt8(ascii: "[") else { return nil }
        var escaped = false
        for index in text.indices.dropFirst() {
            let byte = text[index]
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "[") {
                return nil
            } else if byte == UInt8(ascii: "]") {
                let after = text.index(after: index)
                guard after < text.endIndex, text[after] == UInt8(ascii: ":") else { return nil }
                let label = normalised(Substring(line[text.index(after: text.startIndex)..<index]))
                return label.isEmpty ? nil : label
            }
        }
        return nil
    }

    /// The texts between a `[` and the next `]` with no bracket between them (at most 999
    /// bytes, CommonMark's longest label): every label a link can name is one of them.
    static func bracketedTexts(in markdown: String) -> [Substring] {
        var texts: [Substring] = []
        let utf8 = markdown.utf8
        var index = utf8.startIndex
        while let open = utf8[index...].firstIndex(of: UInt8(ascii: "[")) {
            var cursor = utf8.index(after: open)
            var length = 0
            var escaped = false
            while cursor < utf8.endIndex, length < 1000 {
                let byte = utf8[cursor]
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") {
                    break
                }
                cursor = utf8.index(after: cursor)
                length += 1
            }
            if cursor < utf8.endIndex, utf8[cursor] == UInt8(ascii: "]") {
                texts.append(markdown[utf8.index(after: open)..<cursor])
                index = utf8.index(after: cursor)
            } else {
                index = cursor
            }
            if index >= utf8.endIndex { break }
        }
        return texts
    }

    /// A label as CommonMark compares labels: case folded, runs of whitespace as one space, no
    /// whitespace at the ends.
    static func normalised(_ label: Substring) -> String {
        label.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
    }
}
