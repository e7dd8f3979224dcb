import NotebookOutput

/// Assembles per-cell outputs from the notebook process's two streams.
///
/// Standard output carries the cells' printed text and the runtime's records in order; standard
/// error carries error text with cell-start markers. Text per cell and stream is capped: past
/// ``maximumTextBytes`` the middle is dropped with a notice, so a cell that prints gigabytes
/// cannot exhaust the runner's memory.
struct OutputCollector {
    /// What one program cell produced.
    struct CellRecord {
        var started = false
        var finished = false
        var seconds: Double?
        var caughtError: String?
        var outputs: [CellOutput] = []
        var standardError = CappedText()
    }

    static let maximumTextBytes = 4 << 20

    private(set) var cells: [Int: CellRecord] = [:]
    private(set) var currentCell: Int?
    private(set) var lastProgress: Progress?
    private var standardOutput = CappedText()

    /// Adds decoded chunks of standard output.
    mutating func consumeStandardOutput(_ chunks: [RecordStreamDecoder.Chunk]) {
        for chunk in chunks {
            switch chunk {
            case .text(let bytes):
                standardOutput.append(bytes)
            case .record(let record):
                flushText()
                apply(record)
            }
        }
    }

    /// Adds decoded chunks of standard error.
    mutating func consumeStandardError(_ chunks: [RecordStreamDecoder.Chunk]) {
        var cell: Int?
        for chunk in chunks {
            switch chunk {
            case .record(.cellStarted(let index)): cell = index
            case .record: break
            case .text(let bytes):
                if let cell { cells[cell, default: CellRecord()].standardError.append(bytes) }
            }
        }
    }

    /// Ends standard output (text after the last record goes to the current cell).
    mutating func finish() {
        flushText()
    }

    private mutating func flushText() {
        guard !standardOutput.isEmpty else { return }
        let text = standardOutput.text
        standardOutput = CappedText()
        guard let cell = currentCell else { return }
        if case .stdout(let previous)? = cells[cell]?.outputs.last {
            cells[cell]!.outputs[cells[cell]!.outputs.count - 1] = .stdout(previous + text)
        } else {
            cells[cell, default: CellRecord()].outputs.append(.stdout(text))
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
        cells[cell, default: CellRecord()].outputs.append(output)
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
