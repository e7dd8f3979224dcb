import Foundation

/// A tab-separated parallel corpus: a header line naming the two languages
/// (`english<TAB>french`), then one sentence pair a line, tokens separated by single spaces.
///
/// ```swift
/// let corpus = try ParallelCorpus(text: "english\tfrench\nthe dog\tle chien\n", file: "pairs.tsv")
/// corpus.pairs[0].target   // ["le", "chien"]
/// ```
public struct ParallelCorpus: Sendable {
    /// The two column names of the header (source language first).
    public var languages: (source: String, target: String)
    /// Every pair in file order, source and target tokenised on spaces.
    public var pairs: [SequenceExample]

    /// Parses `text`; `file` only names the text in errors. Blank lines (and a final newline)
    /// are skipped; every other line must hold two non-empty tab-separated columns.
    public init(text: String, file: String) throws(ParallelCorpusError) {
        // `\r\n` is one Character in Swift, and a newline: Windows line endings split too.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
            .makeIterator()
        guard let (_, header) = lines.next(), case let names = Self.columns(header), names.count == 2,
            !names[0].isEmpty, !names[1].isEmpty
        else {
            throw ParallelCorpusError(
                file: file, line: 1,
                problem: "the first line must name the two languages, e.g. `english<TAB>french`")
        }
        languages = (names[0], names[1])
        pairs = []
        while let (index, line) = lines.next() {
            if line.allSatisfy(\.isWhitespace) { continue }
            let columns = Self.columns(line)
            guard columns.count == 2 else {
                throw ParallelCorpusError(
                    file: file, line: index + 1,
                    problem:
                        "expected 2 tab-separated columns (\(languages.source), \(languages.target)), found \(columns.count)"
                )
            }
            let source = columns[0].split(separator: " ").map(String.init)
            let target = columns[1].split(separator: " ").map(String.init)
            guard !source.isEmpty, !target.isEmpty else {
                throw ParallelCorpusError(
                    file: file, line: index + 1,
                    problem: "the \(source.isEmpty ? languages.source : languages.target) sentence is empty")
            }
            pairs.append(SequenceExample(source: source, target: target))
        }
        guard !pairs.isEmpty else {
            throw ParallelCorpusError(file: file, line: 1, problem: "the corpus has a header but no sentence pairs")
        }
    }

    /// Reads and parses the file at `path` (UTF-8).
    public init(contentsOf path: String) throws(ParallelCorpusError) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ParallelCorpusError(file: path, line: nil, problem: "cannot be read (\(error.localizedDescription))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ParallelCorpusError(file: path, line: nil, problem: "is not UTF-8 text")
        }
        try self.init(text: text, file: path)
    }

    private static func columns(_ line: Substring) -> [String] {
        line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

/// A malformed parallel corpus file: which file, which line (1-based), what is wrong.
public struct ParallelCorpusError: Error, Equatable, CustomStringConvertible {
    /// The file (or the name given for an in-memory text).
    public var file: String
    /// The 1-based line, when the problem is on one line.
    public var line: Int?
    /// What is wrong and how to fix it.
    public var problem: String

    /// `file:line: problem`, the shape compilers use, so editors can jump to it.
    public var description: String {
        line.map { "\(file):\($0): \(problem)" } ?? "\(file): \(problem)"
    }
}
