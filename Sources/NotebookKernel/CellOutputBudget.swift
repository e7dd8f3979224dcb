import NotebookExecution
import NotebookOutput

/// The limits one cell's output is held to in the cell engine, the batch runner's
/// (``OutputCollector``) as far as a stream allows: so a cell that prints gigabytes, displays a
/// million tables or a ragged heatmap cannot exhaust the kernel, `serve` or a Jupyter client.
///
/// - Text: the first ``OutputCollector/maximumTextBytes`` of each stream are passed on as they
///   come; of the rest, only the last ``tailBytes`` are shown when the cell has ended (a trap's
///   message is there), after a notice with the true size of what was left out. Chunks are cut
///   at UTF-8 character boundaries, so a character split across two reads arrives whole.
/// - Rich values: a shape the report cannot draw (``RichOutputCheck/shapeProblem(_:depth:)``)
///   or a size past the display and cell budgets becomes an error line instead; past
///   ``OutputCollector/maximumOutputsPerCell`` values they are counted, not passed on.
/// - Inline values: cut as in the batch runner (``OutputCollector/inlineText(_:)``).
struct CellOutputBudget {
    /// Which text stream.
    enum Stream: Int {
        case standardOutput = 0
        case standardError = 1
    }

    private var passedBytes = [0, 0]
    private var droppedBytes = [0, 0]
    /// The latest bytes past the budget, per stream (at most twice ``tailBytes`` between trims).
    private var tails: [[UInt8]] = [[], []]
    /// Bytes of a character not yet complete at the end of the last chunk, per stream.
    private var pendingBytes: [[UInt8]] = [[], []]
    private var richBytes = 0
    private var richOutputs = 0
    private var droppedOutputs = 0

    /// The part of `bytes` to pass on, as text (empty when the stream is past its budget).
    mutating func text(_ bytes: [UInt8], on stream: Stream) -> String {
        let index = stream.rawValue
        var bytes = pendingBytes[index] + bytes
        let complete = Self.completeCharacterPrefix(of: bytes)
        pendingBytes[index] = Array(bytes[complete...])
        bytes.removeSubrange(complete...)
        let room = max(0, OutputCollector.maximumTextBytes - passedBytes[index])
        var passed = Self.completeCharacterPrefix(of: Array(bytes.prefix(room)))
        if bytes.count <= room { passed = bytes.count }
        passedBytes[index] += passed
        if passed < bytes.count {
            tails[index] += bytes[passed...]
            if tails[index].count > 2 * Self.tailBytes {
                let excess = tails[index].count - Self.tailBytes
                droppedBytes[index] += excess
                tails[index].removeFirst(excess)
            }
        }
        return String(decoding: bytes[..<passed], as: UTF8.self)
    }

    /// How much of the text past the budget is kept to show at the end, per stream.
    static let tailBytes = 16 << 10

    /// What becomes of a rich value.
    enum Verdict: Equatable {
        /// Passed on as it is.
        case pass(RichOutput)
        /// Not shown: this error line (for standard error) says why.
        case refuse(String)
        /// Not shown, only counted (past the number of values a cell keeps).
        case count
    }

    /// What becomes of the rich value `output`.
    mutating func rich(_ output: RichOutput) -> Verdict {
        if let problem = RichOutputCheck.shapeProblem(output) {
            return .refuse("display error: \(problem); the value is not shown\n")
        }
        guard richOutputs < OutputCollector.maximumOutputsPerCell else {
            droppedOutputs += 1
            return .count
        }
        let bytes = RichOutputCheck.estimatedBytes(output)
        if bytes > RichOutputCheck.maximumOutputBytes || richBytes + bytes > RichOutputCheck.maximumCellBytes {
            let size = RichOutputCheck.size
            return .refuse(
                "… [a displayed value of \(size(bytes)) omitted: one may take \(size(RichOutputCheck.maximumOutputBytes)), a cell's \(size(RichOutputCheck.maximumCellBytes))] …\n"
            )
        }
        richOutputs += 1
        richBytes += bytes
        return .pass(output)
    }

    /// What is left to show once the cell has ended, per stream: the bytes still pending (an
    /// incomplete character at the very end) and the notices of what was left out.
    mutating func closing() -> (standardOutput: String, standardError: String) {
        let names = ["standard output", "standard error"]
        var texts = ["", ""]
        for index in 0..<2 {
            var tail = tails[index] + pendingBytes[index]
            var omitted = droppedBytes[index]
            if omitted > 0 || tail.count > Self.tailBytes {
                // Start the tail at a character and at most tailBytes from the end.
                var start = max(0, tail.count - Self.tailBytes)
                while start < tail.count, tail[start] & 0xC0 == 0x80 { start += 1 }
                omitted += start
                tail.removeFirst(start)
                texts[index] =
                    "\n… [\(omitted) bytes of \(names[index]) omitted: a cell shows \(OutputCollector.maximumTextBytes >> 20) MB of each stream, and its last \(Self.tailBytes >> 10) KB] …\n"
            }
            texts[index] += String(decoding: tail, as: UTF8.self)
        }
        tails = [[], []]
        pendingBytes = [[], []]
        droppedBytes = [0, 0]
        if droppedOutputs > 0 {
            texts[1] +=
                "… [\(droppedOutputs) more outputs omitted: a cell keeps at most \(OutputCollector.maximumOutputsPerCell)] …\n"
        }
        return (texts[0], texts[1])
    }

    /// The length of the longest prefix of `bytes` that does not end inside a UTF-8 character
    /// (a lead byte whose continuation bytes have not all arrived).
    static func completeCharacterPrefix(of bytes: [UInt8]) -> Int {
        // A character is at most 4 bytes: look back at most 3 for its lead byte.
        var index = bytes.count
        var back = 0
        while index > 0, back < 4 {
            let byte = bytes[index - 1]
            if byte & 0xC0 != 0x80 {
                // A lead (or ASCII) byte at index - 1: how long is its character?
                let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
                return back + 1 >= length ? bytes.count : index - 1
            }
            index -= 1
            back += 1
        }
        return bytes.count
    }
}
