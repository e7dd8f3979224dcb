/// Splits a notebook process's output stream into text and records, incrementally.
///
/// Feed bytes as they arrive with ``feed(_:)``; call ``finish()`` at end of stream. A record cut
/// off by a crash (its header complete) is dropped; text is never lost, even text that ends
/// with the first bytes of a header.
public struct RecordStreamDecoder: Sendable {
    /// A decoded piece of the stream.
    public enum Chunk: Sendable, Equatable {
        /// Bytes the program printed (not necessarily valid UTF-8).
        case text([UInt8])
        /// A framed record.
        case record(OutputRecord)
    }

    /// The largest payload taken as a record (a 2000×2000 heatmap is about 40 MB of JSON).
    public static let maximumPayloadBytes = 256 << 20

    private let prefix: [UInt8]
    private var pending: [UInt8] = []

    /// Creates a decoder for records framed with `framing`.
    public init(framing: RecordFraming) {
        self.prefix = framing.prefix
    }

    /// Adds bytes and returns the chunks that are complete.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Chunk] {
        pending.append(contentsOf: bytes)
        return drain(final: false)
    }

    /// Returns whatever is left at end of stream (an incomplete record is discarded).
    public mutating func finish() -> [Chunk] {
        drain(final: true)
    }

    private mutating func drain(final: Bool) -> [Chunk] {
        var chunks: [Chunk] = []
        var cursor = 0
        var textStart = 0
        func flushText(upTo end: Int) {
            if end > textStart { chunks.append(.text(Array(pending[textStart..<end]))) }
        }
        while cursor < pending.count {
            guard pending[cursor] == 0x1E else {
                cursor += 1
                continue
            }
            switch parseRecord(at: cursor) {
            case .complete(let record, let end):
                flushText(upTo: cursor)
                if let record { chunks.append(.record(record)) }
                cursor = end
                textStart = end
            case .incomplete:
                if final, pending.count - cursor < prefix.count {
                    // Not even a whole header at the end: text that looks like the start of one.
                    cursor += 1
                } else if final {
                    flushText(upTo: cursor)
                    textStart = pending.count
                    cursor = pending.count
                } else {
                    flushText(upTo: cursor)
                    pending.removeFirst(cursor)
                    return chunks
                }
            case .notARecord:
                cursor += 1
            }
        }
        flushText(upTo: pending.count)
        pending.removeAll(keepingCapacity: true)
        return chunks
    }

    private enum ParseResult {
        case complete(OutputRecord?, end: Int)
        case incomplete
        case notARecord
    }

    private func parseRecord(at start: Int) -> ParseResult {
        let available = pending.count - start
        let compared = min(available, prefix.count)
        for offset in 0..<compared where pending[start + offset] != prefix[offset] {
            return .notARecord
        }
        if available < prefix.count { return .incomplete }
        var index = start + prefix.count
        var length = 0
        var digits = 0
        while index < pending.count, pending[index] != UInt8(ascii: ":") {
            let byte = pending[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 12 else {
                return .notARecord
            }
            length = length * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
            index += 1
        }
        if index >= pending.count { return .incomplete }
        // A length no record reaches is text that happens to look like a header: waiting for
        // its payload would buffer the rest of the stream.
        guard digits > 0, length <= Self.maximumPayloadBytes else { return .notARecord }
        let payloadStart = index + 1
        guard payloadStart + length <= pending.count else { return .incomplete }
        let record = RecordJSON.decode(pending[payloadStart..<(payloadStart + length)])
        return .complete(record, end: payloadStart + length)
    }
}
