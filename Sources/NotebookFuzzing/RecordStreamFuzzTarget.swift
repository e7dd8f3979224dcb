import NotebookOutput

/// The runner's record stream decoder: a stream of text (with look-alike framing: record
/// separators, `NB`, wrong nonces, stray digits) and real records, cut into random chunks,
/// must decode to the same text and records as written, however it is cut; a record cut off
/// at the end is dropped, and a framed record with a broken payload is dropped.
public struct RecordStreamFuzzTarget: FuzzTarget {
    public init() {}
    public var name: String { "records" }

    /// The input is the scenario's seed; ``check(_:)`` rebuilds the scenario from it.
    public func input(_ random: inout FuzzRandom) -> [UInt8] {
        withUnsafeBytes(of: random.next().littleEndian) { Array($0) }
    }

    enum Piece: Equatable {
        case text([UInt8])
        case record(OutputRecord)
        case forged([UInt8])
    }

    static func string(_ random: inout FuzzRandom, nonce: String) -> String {
        let parts = [
            "a", "é", "✓", "𝛼", "\u{1E}", "NB", nonce, ":", "12", "\"", "\\", "\n", "\r", "\u{0}", "\u{7F}", "{}",
            "<b>",
            "\u{1E}NBzzzz:3:abc", " ", "\u{FFFF}",
        ]
        return (0..<random.below(12)).map { _ in random.pick(parts) }.joined()
    }

    static func record(_ random: inout FuzzRandom, nonce: String) -> OutputRecord {
        let text = string(&random, nonce: nonce)
        let number = random.pick([0, 1.5, -2, 1e300, .infinity, -.infinity, 0.1])
        switch random.below(7) {
        case 0: return .cellStarted(index: random.below(1000))
        case 1: return .cellFinished(index: random.below(1000), seconds: number)
        case 2: return .cellFailed(index: random.below(10), seconds: number, message: text)
        case 3: return .display(.text(text))
        case 4:
            return .result(
                .table(Table(columns: [text], rows: [[text, text]], caption: random.chance(50) ? text : nil)))
        case 5:
            return .progress(
                Progress(
                    label: text, completed: random.below(100), total: random.chance(50) ? 100 : nil,
                    metrics: [text: number]))
        default: return .display(.barChart(BarChart(labels: [text], values: [number], title: text)))
        }
    }

    static func text(_ random: inout FuzzRandom, nonce: String) -> [UInt8] {
        let wrongNonce = String(nonce.reversed())
        let parts: [[UInt8]] = [
            [0x1E], Array("NB".utf8), Array("\u{1E}NB\(wrongNonce):5:hello".utf8), Array("\u{1E}NB\(nonce)".utf8),
            Array("hello\n".utf8), [0xFF, 0xFE], [0xE2, 0x9C], Array("12:".utf8), Array("\u{1E}NB:".utf8),
            Array("\u{1E}NB\(nonce.prefix(4))".utf8), [0x00], Array(String(repeating: "x", count: 100).utf8),
        ]
        var bytes: [UInt8] = []
        for _ in 0..<(1 + random.below(8)) { bytes += random.pick(parts) }
        return bytes
    }

    public func check(_ input: [UInt8]) -> String? {
        var seed: UInt64 = 0
        for (index, byte) in input.prefix(8).enumerated() { seed |= UInt64(byte) << (8 * UInt64(index)) }
        var random = FuzzRandom(seed: seed)
        let nonce = String(
            (0..<(4 + random.below(12))).map { _ in random.pick(Array("abcdefghijklmnopqrstuvwxyz0123456789")) })
        let framing = RecordFraming(nonce: nonce)
        var pieces: [Piece] = []
        for _ in 0..<random.below(12) {
            switch random.below(10) {
            case 0..<4: pieces.append(.text(Self.text(&random, nonce: nonce)))
            case 9:
                let payload = Array(random.pick(["{}", "{\"x\":1}", "nope", "{\"display\":{}}", "[]"]).utf8)
                pieces.append(.forged(framing.prefix + Array("\(payload.count):".utf8) + payload))
            default: pieces.append(.record(Self.record(&random, nonce: nonce)))
            }
        }
        var stream: [UInt8] = []
        var expected: [RecordStreamDecoder.Chunk] = []
        var recordCount = 0
        for piece in pieces {
            switch piece {
            case .text(let bytes):
                stream += bytes
                expected.append(.text(bytes))
            case .record(let record):
                stream += framing.encode(record)
                expected.append(.record(record))
                recordCount += 1
            case .forged(let bytes):
                stream += bytes
                recordCount += 1
            }
        }
        // A stream cut off inside a final record: the partial record is dropped.
        if random.chance(30) {
            let record = framing.encode(Self.record(&random, nonce: nonce))
            let cut = Array(record.prefix(random.below(record.count)))
            stream += cut
            if cut.count >= framing.prefix.count {
                recordCount += 1
            } else {
                // Less than a header at the very end is text.
                expected.append(.text(cut))
            }
        }
        // Text pieces side by side could spell the real header; such a scenario is ambiguous.
        guard Self.occurrences(of: framing.prefix, in: stream) == recordCount else { return nil }

        let whole = Self.decode(stream, framing: framing, cuts: [])
        guard Self.merged(whole) == Self.merged(expected) else {
            return "decoding the whole stream gave \(Self.merged(whole)), expected \(Self.merged(expected))"
        }
        for _ in 0..<4 {
            var cuts: [Int] = []
            for _ in 0..<random.below(12) { cuts.append(random.below(stream.count + 1)) }
            if random.chance(20) { cuts = Array(0...stream.count) }  // one byte at a time
            let chunked = Self.decode(stream, framing: framing, cuts: cuts.sorted())
            guard Self.merged(chunked) == Self.merged(expected) else {
                return "decoding in chunks cut at \(cuts.sorted()) differs from the stream as written"
            }
        }
        return nil
    }

    static func decode(_ stream: [UInt8], framing: RecordFraming, cuts: [Int]) -> [RecordStreamDecoder.Chunk] {
        var decoder = RecordStreamDecoder(framing: framing)
        var chunks: [RecordStreamDecoder.Chunk] = []
        var start = 0
        for cut in cuts + [stream.count] where cut >= start {
            chunks += decoder.feed(stream[start..<cut])
            start = cut
        }
        return chunks + decoder.finish()
    }

    /// Adjacent text chunks joined, empty ones dropped (chunking may split text anywhere).
    static func merged(_ chunks: [RecordStreamDecoder.Chunk]) -> [RecordStreamDecoder.Chunk] {
        var result: [RecordStreamDecoder.Chunk] = []
        for chunk in chunks {
            if case .text(let bytes) = chunk {
                if bytes.isEmpty { continue }
                if case .text(let previous)? = result.last {
                    result[result.count - 1] = .text(previous + bytes)
                    continue
                }
            }
            result.append(chunk)
        }
        return result
    }

    static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> Int {
        guard !needle.isEmpty, haystack.count >= needle.count else { return 0 }
        var count = 0
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { count += 1 }
        }
        return count
    }
}

/// Random bytes (with the real record header sprinkled in) fed to the decoder in random
/// chunks: it must not crash, must not invent bytes, and must decode the same however cut.
public struct RandomBytesRecordTarget: FuzzTarget {
    public init() {}
    public var name: String { "record-bytes" }

    public func input(_ random: inout FuzzRandom) -> [UInt8] {
        let framing = RecordFraming(nonce: "n0nce")
        var bytes: [UInt8] = []
        for _ in 0..<random.below(40) {
            switch random.below(5) {
            case 0: bytes += framing.prefix
            case 1: bytes += Array("\(random.below(40)):".utf8)
            case 2: bytes += Array(random.pick(["{\"cellStarted\":{\"index\":1}}", "{", "}", "\"", "[]", "null"]).utf8)
            default: bytes += (0..<random.below(8)).map { _ in UInt8(random.below(256)) }
            }
        }
        return bytes
    }

    public func check(_ input: [UInt8]) -> String? {
        let framing = RecordFraming(nonce: "n0nce")
        var random = FuzzRandom(seed: UInt64(input.count) &* 31 &+ UInt64(input.first ?? 0))
        let whole = RecordStreamFuzzTarget.merged(RecordStreamFuzzTarget.decode(input, framing: framing, cuts: []))
        var textBytes = 0
        for chunk in whole { if case .text(let bytes) = chunk { textBytes += bytes.count } }
        guard textBytes <= input.count else { return "decoded \(textBytes) text bytes from \(input.count)" }
        for _ in 0..<3 {
            let cuts = (0..<random.below(10)).map { _ in random.below(input.count + 1) }.sorted()
            let chunked = RecordStreamFuzzTarget.merged(
                RecordStreamFuzzTarget.decode(input, framing: framing, cuts: cuts))
            guard chunked == whole else { return "decoding in chunks cut at \(cuts) differs from decoding at once" }
        }
        return nil
    }
}
