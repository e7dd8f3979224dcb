import CMark

/// GFM extended autolinks: `https://…`, `http://…` and `www.…` in text become links (`www.` ones
/// to `http://`). A link starts at the beginning of a text or after white space or `*_~(`; it
/// ends at white space or `<`; trailing `?!.,:*_~'"` are not part of it, nor an unmatched `)`, nor
/// a trailing entity-like `&name;`. Text inside links and code spans is left alone.
enum GFMAutolink {
    static func apply(to root: OpaquePointer) {
        for node in CMarkTree.nodes(under: root, ofType: [CMARK_NODE_TEXT.rawValue]) {
            guard CMarkTree.withLiteralBytes(node, { !candidateOffsets(in: $0).isEmpty }),
                !CMarkTree.hasAncestor(node, ofType: CMARK_NODE_LINK),
                !CMarkTree.hasAncestor(node, ofType: CMARK_NODE_IMAGE)
            else { continue }
            let text = CMarkTree.literal(node)
            let links = find(in: text)
            guard !links.isEmpty else { continue }
            var pieces: [OpaquePointer] = []
            var position = text.startIndex
            for link in links {
                if position < link.range.lowerBound,
                    let piece = CMarkTree.text(String(text[position..<link.range.lowerBound]))
                {
                    pieces.append(piece)
                }
                if let piece = CMarkTree.link(url: link.url, text: String(text[link.range])) { pieces.append(piece) }
                position = link.range.upperBound
            }
            if position < text.endIndex, let piece = CMarkTree.text(String(text[position...])) { pieces.append(piece) }
            CMarkTree.insert(pieces, before: node)
            cmark_node_free(node)
        }
    }

    /// The autolinks in `text`: their range and the URL they link to.
    ///
    /// The rules are checked only where the bytes read `http://`, `https://` or `www.` (in any
    /// case), at the start of a `Character`: the only places where a link can start, found
    /// without looking at every `Character` of the text.
    static func find(in text: String) -> [(range: Range<String.Index>, url: String)] {
        var found: [(range: Range<String.Index>, url: String)] = []
        let utf8 = text.utf8
        var index = text.startIndex
        // The word from `stopFrom` to the first white space or `<` after it, shared by the
        // candidates in it (its parentheses are counted once for all of them).
        var stopFrom = text.endIndex
        var stop = text.endIndex
        var word: GFMAutolinkWord?
        for offset in candidateOffsets(in: text) {
            let candidate = utf8.index(utf8.startIndex, offsetBy: offset)
            guard candidate >= index, isCharacterStart(candidate, offset: offset, in: text) else { continue }
            index = candidate
            guard "hHwW".contains(text[index]) else { continue }
            let startsWord =
                index == text.startIndex
                || {
                    let previous = text[text.index(before: index)]
                    return previous.isWhitespace || "*_~(".contains(previous)
                }()
            let rest = text[index...]
            let head = rest.prefix(8).lowercased()
            let prefix = ["https://", "http://", "www."].first { head.hasPrefix($0) }
            guard startsWord, let prefix else { continue }
            let candidateWord: GFMAutolinkWord
            if let current = word, stopFrom <= index, index <= stop {
                candidateWord = current
            } else {
                stopFrom = index
                stop =
                    asciiWordEnd(in: text, from: index) ?? rest.firstIndex { $0.isWhitespace || $0 == "<" }
                    ?? text.endIndex
                candidateWord = GFMAutolinkWord(text, index..<stop)
                word = candidateWord
            }
            let first = candidateWord.offset(of: index)
            let endOffset = candidateWord.trimmedEnd(from: first)
            let hostOffset = first + prefix.count
            let end = candidateWord.index(at: endOffset)
            guard hostOffset < endOffset,
                isLocalhost(text[candidateWord.index(at: hostOffset)..<end])
                    || candidateWord.isDomain(from: hostOffset, to: endOffset)
            else { continue }
            let link = text[index..<end]
            found.append((range: index..<end, url: prefix == "www." ? "http://" + link : String(link)))
            index = end
        }
        return found
    }

    /// The byte offsets where `http://`, `https://` or `www.` (ASCII letters in any case) start.
    static func candidateOffsets(in text: String) -> [Int] {
        var text = text
        return text.withUTF8 { candidateOffsets(in: $0) }
    }

    /// The offsets in `bytes` where `http://`, `https://` or `www.` (in any case) start.
    static func candidateOffsets(in bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var offsets: [Int] = []
        guard bytes.count >= 4 else { return offsets }
        func lowered(_ offset: Int) -> UInt8 { bytes[offset] | 0x20 }
        for offset in 0...(bytes.count - 4) {
            switch bytes[offset] | 0x20 {
            case UInt8(ascii: "w"):
                if lowered(offset + 1) == UInt8(ascii: "w"), lowered(offset + 2) == UInt8(ascii: "w"),
                    bytes[offset + 3] == UInt8(ascii: ".")
                {
                    offsets.append(offset)
                }
            case UInt8(ascii: "h"):
                guard offset + 7 <= bytes.count, lowered(offset + 1) == UInt8(ascii: "t"),
                    lowered(offset + 2) == UInt8(ascii: "t"), lowered(offset + 3) == UInt8(ascii: "p")
                else { continue }
                var colon = offset + 4
                if lowered(colon) == UInt8(ascii: "s") { colon += 1 }
                if colon + 3 <= bytes.count, bytes[colon] == UInt8(ascii: ":"),
                    bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/")
                {
                    offsets.append(offset)
                }
            default: continue
            }
        }
        return offsets
    }

    /// Where the word from `start` ends (the first white space or `<`, or the text's end), read
    /// on bytes while they are ASCII; nil when a byte that is not comes first, or right after
    /// the stop (it may be a mark that joins the stop's `Character`): the caller then reads
    /// `Character`s. ASCII bytes before the stop are each a `Character` (`\r\n`, the one pair,
    /// is white space).
    private static func asciiWordEnd(in text: String, from start: String.Index) -> String.Index? {
        let utf8 = text.utf8
        var index = start
        while index < utf8.endIndex {
            let byte = utf8[index]
            guard byte < 0x80 else { return nil }
            if byte == UInt8(ascii: "<") || ByteSearch.isASCIIWhitespace(byte) {
                let next = utf8.index(after: index)
                return next == utf8.endIndex || utf8[next] < 0x80 ? index : nil
            }
            index = utf8.index(after: index)
        }
        return index
    }

    /// Whether `index` (at byte `offset`) starts a `Character` of `text`.
    private static func isCharacterStart(_ index: String.Index, offset: Int, in text: String) -> Bool {
        if offset == 0 || text.utf8[text.utf8.index(before: index)] < 0x80 { return true }
        return text.index(before: text.index(after: index)) == index
    }

    /// Whether `host` starts with `localhost` (in any case): a host that needs no dot.
    private static func isLocalhost(_ host: Substring) -> Bool {
        host.prefix(9).lowercased().hasPrefix("localhost")
    }
}
