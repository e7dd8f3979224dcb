import CMark

/// GFM extended autolinks: `https://…`, `http://…` and `www.…` in text become links (`www.` ones
/// to `http://`). A link starts at the beginning of a text or after white space or `*_~(`; it
/// ends at white space or `<`; trailing `?!.,:*_~'"` are not part of it, nor an unmatched `)`, nor
/// a trailing entity-like `&name;`. Text inside links and code spans is left alone.
enum GFMAutolink {
    static func apply(to root: OpaquePointer) {
        for node in CMarkTree.nodes(under: root, ofType: [CMARK_NODE_TEXT.rawValue])
        where !CMarkTree.hasAncestor(node, ofType: CMARK_NODE_LINK)
            && !CMarkTree.hasAncestor(node, ofType: CMARK_NODE_IMAGE)
        {
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
    static func find(in text: String) -> [(range: Range<String.Index>, url: String)] {
        var found: [(range: Range<String.Index>, url: String)] = []
        let lowered = text.lowercased()
        guard lowered.contains("http") || lowered.contains("www.") else { return [] }
        var index = text.startIndex
        while index < text.endIndex {
            // Only an `h` or a `w` can start a link: skip the rest cheaply.
            guard "hHwW".contains(text[index]) else {
                index = text.index(after: index)
                continue
            }
            let startsWord =
                index == text.startIndex
                || {
                    let previous = text[text.index(before: index)]
                    return previous.isWhitespace || "*_~(".contains(previous)
                }()
            let rest = text[index...]
            let head = rest.prefix(8).lowercased()
            let prefix = ["https://", "http://", "www."].first { head.hasPrefix($0) }
            guard startsWord, let prefix else {
                index = text.index(after: index)
                continue
            }
            var end = rest.firstIndex { $0.isWhitespace || $0 == "<" } ?? text.endIndex
            end = trimmedEnd(text, from: index, to: end)
            let candidate = text[index..<end]
            let host = candidate.dropFirst(prefix.count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            guard isValidDomain(host) else {
                index = text.index(after: index)
                continue
            }
            found.append((range: index..<end, url: prefix == "www." ? "http://" + candidate : String(candidate)))
            index = end
        }
        return found
    }

    /// The end of a link candidate once trailing punctuation, an unmatched `)` and a trailing
    /// entity-like `&name;` are taken off.
    private static func trimmedEnd(_ text: String, from start: String.Index, to end: String.Index) -> String.Index {
        var end = end
        while end > start {
            let last = text[text.index(before: end)]
            let candidate = text[start..<end]
            if "?!.,:*_~'\"".contains(last) {
                end = text.index(before: end)
            } else if last == ")", candidate.filter({ $0 == ")" }).count > candidate.filter({ $0 == "(" }).count {
                end = text.index(before: end)
            } else if last == ";", let amp = candidate.lastIndex(of: "&"),
                candidate[candidate.index(after: amp)..<candidate.index(before: candidate.endIndex)]
                    .allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
            {
                end = amp
            } else {
                break
            }
        }
        return end
    }

    /// A domain: `localhost`, or dot-separated labels of letters, digits, `-` and `_` (a port
    /// allowed), at least one dot, no `_` in the last two labels.
    private static func isValidDomain(_ host: Substring) -> Bool {
        if host.lowercased().hasPrefix("localhost") { return true }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else { return false }
        guard labels.allSatisfy({ $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":" } })
        else { return false }
        return !labels.suffix(2).contains { $0.contains("_") }
    }
}
