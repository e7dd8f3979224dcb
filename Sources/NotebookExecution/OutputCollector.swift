import NotebookDocument
import NotebookOutput

/// Assembles per-cell outputs from the notebook process's two streams.
///
/// Standard output carries the cells' printed text and the runtime's records in order; standard
/// error carries error text with cell-start markers. Text per cell and stream is capped: past
/// ``maximumTextBytes`` the middle is dropped with a notice, and past ``maximumOutputsPerCell``
/// rich outputs are counted instead of kept, so a cell that prints gigabytes or displays a
/// million tables cannot exhaust the runner's memory.
package struct OutputCollector {
    /// What one program cell produced.
    struct CellRecord {
        var started = false
        var finished = false
        var seconds: Double?
        var caughtError: String?
        var outputs: [CellOutput] = []
        var standardError = CappedText()
        /// Printed text since the cell's last rich output, not yet in ``outputs``.
        var pendingText = CappedText()
        /// Rich outputs kept, and left out past ``OutputCollector/maximumOutputsPerCell``.
        var richOutputs = 0
        var droppedOutputs = 0
        /// Bytes of printed text and of rich outputs kept so far.
        var keptTextBytes = 0
        var keptRichBytes = 0
        /// Values of the inline expressions evaluated while this cell ran, by expression index.
        var inlineResults: [Int: InlineResult] = [:]
    }

    /// Printed text kept per cell (standard output and standard error each), head and tail.
    package static let maximumTextBytes = 4 << 20
    /// Printed text kept per notebook, all cells and both streams together.
    static let maximumNotebookTextBytes = 32 << 20
    /// Rich outputs (displays, results) kept per cell; later ones are counted, not kept.
    package static let maximumOutputsPerCell = 1000
    /// Rejected records described (later ones are only counted).
    static let maximumRecordProblems = 20
    /// Bytes of an inline expression's value (or error) shown in the prose; the rest is cut.
    static let maximumInlineTextBytes = 16 << 10

    private(set) var cells: [Int: CellRecord] = [:]
    private(set) var currentCell: Int?
    private(set) var lastProgress: Progress?
    private var standardErrorCell: Int?
    private var validator: RecordValidator
    /// Boundary records the plan does not allow, ignored: the cell that was current (if any) and
    /// what was wrong. At most ``maximumRecordProblems``; ``recordProblemCount`` counts all.
    private(set) var recordProblems: [(cell: Int?, message: String)] = []
    private(set) var recordProblemCount = 0
    private var notebookTextBytes = 0
    private var notebookRichBytes = 0

    /// A collector for a program whose cells expect failure as `expectsFailure` says, told to
    /// skip the cells in `skipped`.
    /// A collector for a program whose cells expect failure as `expectsFailure` says and evaluate
    /// the inline expressions in `inlineExpressions`, told to skip the cells in `skipped`.
    init(expectsFailure: [Bool], inlineExpressions: [Set<Int>] = [], skipped: Set<Int> = []) {
        validator = RecordValidator(
            expectsFailure: expectsFailure, inlineExpressions: inlineExpressions, skipped: skipped)
    }

    /// An inline value as shown in a line of prose: at most ``maximumInlineTextBytes``, cut at a
    /// character boundary with a notice of the true size.
    package static func inlineText(_ text: String) -> String {
        let size = text.utf8.count
        guard size > maximumInlineTextBytes else { return text }
        var end = text.startIndex
        var bytes = 0
        while end < text.endIndex {
            let next = text.index(after: end)
            bytes += text.utf8.distance(from: end, to: next)
            if bytes > maximumInlineTextBytes { break }
            end = next
        }
        return text[..<end]
            + " … [\(RichOutputCheck.size(size)) in all; \(RichOutputCheck.size(maximumInlineTextBytes)) shown]"
    }

    /// Adds decoded chunks of standard output.
    mutating func consumeStandardOutput(_ chunks: [RecordStreamDecoder.Chunk]) {
        for chunk in chunks {
            switch chunk {
            case .text(let bytes):
                // Text before the first cell starts (there is none in a planned program) is dropped.
                guard let cell = currentCell else { continue }
                if cells[cell, default: CellRecord()].pendingText.isFresh {
                    cells[cell]!.pendingText.limit = textBudget(for: cell)
                }
                cells[cell]!.pendingText.append(bytes)
            case .record(let record):
                apply(record)
            }
        }
    }

    /// Adds decoded chunks of standard error.
    /// (May be called with successive pieces of the stream.)
    mutating func consumeStandardError(_ chunks: [RecordStreamDecoder.Chunk]) {
        for chunk in chunks {
            switch chunk {
            case .record(.cellStarted(let index)):
                // Only a cell that really started on standard output owns error text.
                if cells[index]?.started == true { standardErrorCell = index }
            case .record: break
            case .text(let bytes):
                guard let cell = standardErrorCell else { continue }
                if cells[cell, default: CellRecord()].standardError.isFresh {
                    cells[cell]!.standardError.limit = textBudget(for: cell)
                    cells[cell]!.standardError.append(bytes)
                    // Charged at once: the stream is read after standard output, in one pass.
                    cells[cell]!.keptTextBytes += cells[cell]!.standardError.limit
                    notebookTextBytes += cells[cell]!.standardError.limit
                } else {
                    cells[cell]!.standardError.append(bytes)
                }
            }
        }
    }

    /// Ends standard output: every cell's pending text becomes its last output, followed by a
    /// notice of the rich outputs left out, if any.
    mutating func finish() {
        for index in cells.keys {
            flushText(of: index)
            if let dropped = cells[index]?.droppedOutputs, dropped > 0 {
                cells[index]!.outputs.append(
                    .stdout(
                        "\n… [\(dropped) more outputs omitted: a cell keeps at most \(Self.maximumOutputsPerCell)] …\n")
                )
            }
        }
    }

    /// Moves a cell's pending text into its outputs (joined to a text output right before it).
    private mutating func flushText(of cell: Int) {
        guard let pending = cells[cell]?.pendingText, !pending.isEmpty else { return }
        cells[cell]!.pendingText = CappedText()
        cells[cell]!.keptTextBytes += pending.keptBytes
        notebookTextBytes += pending.keptBytes
        let text = pending.text
        if case .stdout(let previous)? = cells[cell]!.outputs.last {
            cells[cell]!.outputs[cells[cell]!.outputs.count - 1] = .stdout(previous + text)
        } else {
            cells[cell]!.outputs.append(.stdout(text))
        }
    }

    private mutating func apply(_ record: OutputRecord) {
        if let problem = validator.problem(with: record) {
            recordProblemCount += 1
            if recordProblems.count < Self.maximumRecordProblems { recordProblems.append((currentCell, problem)) }
            return
        }
        switch record {
        case .cellStarted(let index):
            currentCell = index
            cells[index, default: CellRecord()].started = true
        case .cellFinished(let index, let seconds):
            cells[index, default: CellRecord()].finished = true
            cells[index]!.seconds = RecordNumbers.seconds(seconds)
        case .cellFailed(let index, let seconds, let message):
            cells[index, default: CellRecord()].caughtError = message
            cells[index]!.seconds = RecordNumbers.seconds(seconds)
        case .display(let output):
            append(checked(output, as: CellOutput.display))
        case .result(let output):
            append(checked(output, as: CellOutput.result))
        case .inlineValue(let index, let text):
            guard let cell = currentCell else { return }
            cells[cell, default: CellRecord()].inlineResults[index] = .value(Self.inlineText(text))
        case .inlineFailed(let index, let message):
            guard let cell = currentCell else { return }
            cells[cell, default: CellRecord()].inlineResults[index] = .failed(
                CellFailure(kind: .uncaughtError, message: Self.inlineText(message)))
        case .progress(let reported):
            let progress = RecordNumbers.progress(reported)
            lastProgress = progress
            guard let cell = currentCell else { return }
            // Keep only the latest progress of a cell, where the first one appeared.
            if let position = cells[cell]?.outputs.firstIndex(where: { if case .progress = $0 { true } else { false } })
            {
                cells[cell]!.outputs[position] = .progress(progress)
            } else {
                append(.progress(progress))
            }
        }
    }

    /// What is left of the cell's and the notebook's text budgets.
    private func textBudget(for cell: Int) -> Int {
        let cellLeft = Self.maximumTextBytes - (cells[cell]?.keptTextBytes ?? 0)
        return max(0, min(cellLeft, Self.maximumNotebookTextBytes - notebookTextBytes))
    }

    /// `output` as `kind` when its shape is sound and it fits the size budgets; else a notice
    /// on the cell's error text saying what is wrong, with the true size.
    private mutating func checked(_ output: RichOutput, as kind: (RichOutput) -> CellOutput) -> CellOutput {
        guard let cell = currentCell else { return kind(output) }
        if let problem = RichOutputCheck.shapeProblem(output) {
            return .stderr("display error: \(problem); the value is not shown\n")
        }
        let bytes = RichOutputCheck.estimatedBytes(output)
        let cellBytes = cells[cell]?.keptRichBytes ?? 0
        if bytes > RichOutputCheck.maximumOutputBytes || cellBytes + bytes > RichOutputCheck.maximumCellBytes
            || notebookRichBytes + bytes > RichOutputCheck.maximumNotebookBytes
        {
            let size = RichOutputCheck.size
            return .stderr(
                "… [a displayed value of \(size(bytes)) omitted: one may take \(size(RichOutputCheck.maximumOutputBytes)), a cell's \(size(RichOutputCheck.maximumCellBytes)), a notebook's \(size(RichOutputCheck.maximumNotebookBytes))] …\n"
            )
        }
        cells[cell, default: CellRecord()].keptRichBytes += bytes
        notebookRichBytes += bytes
        return kind(output)
    }

    private mutating func append(_ output: CellOutput) {
        guard let cell = currentCell else { return }
        guard cells[cell, default: CellRecord()].richOutputs < Self.maximumOutputsPerCell else {
            cells[cell]!.droppedOutputs += 1
            return
        }
        flushText(of: cell)
        cells[cell]!.richOutputs += 1
        cells[cell]!.outputs.append(output)
    }
}

/// Text kept up to a size: the head and the tail, with the size of what was dropped between.
struct CappedText {
    private var head: [UInt8] = []
    private var tail: [UInt8] = []
    private var dropped = 0
    /// The most bytes kept (three quarters head, one quarter tail).
    var limit = OutputCollector.maximumTextBytes

    var isEmpty: Bool { head.isEmpty && dropped == 0 && tail.isEmpty }
    /// Whether nothing was appended yet (its limit may still be set).
    var isFresh: Bool { isEmpty }
    /// Bytes kept (at most ``limit``, once the text is complete).
    var keptBytes: Int { head.count + min(tail.count, limit / 4) }

    mutating func append(_ bytes: [UInt8]) {
        let headLimit = limit * 3 / 4
        let tailLimit = limit - headLimit
        var rest = bytes[...]
        if head.count < headLimit {
            let room = headLimit - head.count
            head += rest.prefix(room)
            rest = rest.dropFirst(room)
        }
        guard !rest.isEmpty else { return }
        tail += rest
        if tail.count > tailLimit * 2 {
            let excess = tail.count - tailLimit
            dropped += excess
            tail.removeFirst(excess)
        }
    }

    /// The text, invalid UTF-8 replaced by U+FFFD.
    var text: String {
        let extra = max(0, tail.count - (limit - limit * 3 / 4))
        var result = String(decoding: head, as: UTF8.self)
        if dropped + extra > 0 {
            result +=
                "\n… [\(dropped + extra) bytes of output omitted: a cell keeps \(OutputCollector.maximumTextBytes >> 20) MB of text, a notebook \(OutputCollector.maximumNotebookTextBytes >> 20) MB] …\n"
        }
        result += String(decoding: tail.dropFirst(extra), as: UTF8.self)
        return result
    }
}
