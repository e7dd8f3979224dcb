import NotebookDocument
import NotebookOutput

/// Assembles per-cell outputs from the notebook process's two streams.
///
/// Standard output carries the cells' printed text and the runtime's records in order; standard
/// error carries error text with cell-start markers. Text per cell and stream is capped: past
/// ``maximumTextBytes`` the middle is dropped with a notice, and past ``maximumOutputsPerCell``
/// rich outputs are counted instead of kept, so a cell that prints gigabytes or displays a
/// million tables cannot exhaust the runner's memory.
struct OutputCollector {
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
        /// Values of the inline expressions evaluated while this cell ran, by expression index.
        var inlineResults: [Int: InlineResult] = [:]
    }

    static let maximumTextBytes = 4 << 20
    /// Rich outputs (displays, results) kept per cell; later ones are counted, not kept.
    static let maximumOutputsPerCell = 1000

    private(set) var cells: [Int: CellRecord] = [:]
    private(set) var currentCell: Int?
    private(set) var lastProgress: Progress?
    private var standardErrorCell: Int?

    /// Adds decoded chunks of standard output.
    mutating func consumeStandardOutput(_ chunks: [RecordStreamDecoder.Chunk]) {
        for chunk in chunks {
            switch chunk {
            case .text(let bytes):
                // Text before the first cell starts (there is none in a planned program) is dropped.
                if let cell = currentCell { cells[cell, default: CellRecord()].pendingText.append(bytes) }
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
            case .record(.cellStarted(let index)): standardErrorCell = index
            case .record: break
            case .text(let bytes):
                if let cell = standardErrorCell { cells[cell, default: CellRecord()].standardError.append(bytes) }
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
                    .stdout("\n… [\(dropped) more outputs omitted: a cell keeps at most \(Self.maximumOutputsPerCell)] …\n"))
            }
        }
    }

    /// Moves a cell's pending text into its outputs (joined to a text output right before it).
    private mutating func flushText(of cell: Int) {
        guard let pending = cells[cell]?.pendingText, !pending.isEmpty else { return }
        cells[cell]!.pendingText = CappedText()
        let text = pending.text
        if case .stdout(let previous)? = cells[cell]!.outputs.last {
            cells[cell]!.outputs[cells[cell]!.outputs.count - 1] = .stdout(previous + text)
        } else {
            cells[cell]!.outputs.append(.stdout(text))
        }
    }

    private mutating func apply(_ record: OutputRecord) {
        switch record {
        case .cellStarted(let index):
            currentCell = index
            cells[index, default: CellRecord()].started = true
        case .cellFinished(let index, let seconds):
            cells[index, default: CellRecord()].finished = true
            cells[index]!.seconds = seconds
        case .cellFailed(let index, let seconds, let message):
            cells[index, default: CellRecord()].caughtError = message
            cells[index]!.seconds = seconds
        case .display(let output):
            append(.display(output))
        case .result(let output):
            append(.result(output))
        case .inlineValue(let index, let text):
            guard let cell = currentCell else { return }
            cells[cell, default: CellRecord()].inlineResults[index] = .value(text)
        case .inlineFailed(let index, let message):
            guard let cell = currentCell else { return }
            cells[cell, default: CellRecord()].inlineResults[index] = .failed(CellFailure(kind: .uncaughtError, message: message))
        case .progress(let progress):
            lastProgress = progress
            guard let cell = currentCell else { return }
            // Keep only the latest progress of a cell, where the first one appeared.
            if let position = cells[cell]?.outputs.firstIndex(where: { if case .progress = $0 { true } else { false } }) {
                cells[cell]!.outputs[position] = .progress(progress)
            } else {
                append(.progress(progress))
            }
        }
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

    var isEmpty: Bool { head.isEmpty }

    mutating func append(_ bytes: [UInt8]) {
        let headLimit = OutputCollector.maximumTextBytes * 3 / 4
        let tailLimit = OutputCollector.maximumTextBytes / 4
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
        var result = String(decoding: head, as: UTF8.self)
        if dropped > 0 {
            result += "\n… [\(dropped) bytes of output omitted] …\n"
        }
        result += String(decoding: tail, as: UTF8.self)
        return result
    }
}
