import Foundation
import NotebookDocument
import NotebookExecution
import NotebookReport

/// Raw HTML in a notebook's prose goes through the report's sanitiser: generated and mutated
/// hostile HTML (scripts, handlers, script URLs hidden by case, entities, whitespace and
/// control characters, broken tags and quotes, comments, SVG and MathML) must never come out as
/// a `<script>` element, an `on…` attribute or a `javascript:`/`vbscript:` URL.
public struct SanitizerFuzzTarget: FuzzTarget {
    public init() {}
    public var name: String { "sanitizer" }

    static let tags = [
        "script", "SCRIPT", "img", "a", "svg", "iframe", "style", "object", "embed", "math", "div", "span", "b",
        "details", "summary", "table", "td", "form", "input", "button", "base", "meta", "link", "video", "source",
        "scr<script>ipt", "template", "noscript", "textarea", "title", "xmp", "plaintext", "animate", "set", "use",
        "foreignObject", "p", "br", "code", "pre", "sub", "sup", "kbd", "img/",
    ]
    static let attributes = [
        "onerror", "onload", "ONCLICK", "onmouseover", "href", "src", "xlink:href", "style", "class", "id", "title",
        "action", "formaction", "srcset", "data", "background", "poster", "alt", "width", "on", "o\nnerror",
        "/onerror", "lang",
    ]
    static let values = [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
        "java&#x09;script:alert(1)", "&#106;avascript:alert(1)", "javascript&colon;alert(1)", "vbscript:x",
        "data:text/html,<script>alert(1)</script>", "https://example.com/a.png", "#anchor", "x.png", "alert(1)",
        "expression(alert(1))", "url(javascript:alert(1))", "&#x6A;&#x61;vascript:1", "\u{1}javascript:1",
        "java\u{0}script:1", "jav&#13;ascript:1", "javascript\u{FEFF}:1", "&#0000106avascript:1",
    ]
    static let fragments = [
        "<!--", "-->", "<![CDATA[", "]]>", "<", ">", "\"", "'", "=", "/", "</", "<!", "<?", "&", "&lt;", "&#", "\n",
        "\n\n", "text", "`", "$x$", "*", "<<", "javascript:", "<svg><script>alert(1)</script></svg>",
        "<math><mi xlink:href=\"javascript:1\">x</mi></math>",
    ]

    public func input(_ random: inout FuzzRandom) -> [UInt8] {
        var html = ""
        for _ in 0..<(1 + random.below(10)) {
            switch random.below(4) {
            case 0, 1:
                let tag = random.pick(Self.tags)
                html += "<\(tag)"
                for _ in 0..<random.below(4) {
                    let quote = random.pick(["\"", "'", "", "`"])
                    html += random.pick([" ", "\n", "/", "\t"]) + random.pick(Self.attributes)
                    html += random.chance(85) ? "=\(quote)\(random.pick(Self.values))\(quote)" : ""
                }
                html += random.pick([">", "/>", "", " >"])
                if random.chance(50) { html += random.pick(Self.fragments) + "</\(tag)>" }
            case 2: html += random.pick(Self.fragments)
            default: html += "[x](\(random.pick(Self.values))) ![i](\(random.pick(Self.values)))"
            }
        }
        var bytes = Array(html.utf8)
        if random.chance(25) {
            for _ in 0..<(1 + random.below(3)) where !bytes.isEmpty {
                let position = random.below(bytes.count)
                switch random.below(3) {
                case 0: bytes.remove(at: position)
                case 1: bytes.insert(random.pick(Array("<>\"'=/ \n&;:".utf8)), at: position)
                default: bytes[position] = random.pick(Array("<>\"'=/ \n&;:".utf8))
                }
            }
        }
        return bytes
    }

    public func check(_ input: [UInt8]) -> String? {
        let prose = String(decoding: input, as: UTF8.self)
        guard let notebook = try? NotebookParser.parse(text: "# Fuzz\n\n" + prose + "\n", path: "fuzz.md") else {
            return nil
        }
        let run = NotebookRun(
            notebookPath: notebook.path, startedAt: Date(timeIntervalSince1970: 0), totalSeconds: 0, compileSeconds: 0,
            cells: notebook.codeCells.map { CellRun(ordinal: $0.ordinal, status: .skipped) }, parameters: [])
        let html = ReportRenderer.render(notebook: notebook, run: run, options: ReportOptions()).html
        return Self.problem(inReport: html)
    }

    static let urlAttributes: Set<String> = [
        "href", "src", "xlink:href", "action", "formaction", "srcset", "data", "background", "poster", "style",
    ]

    /// The first unsafe thing in the user-controlled part of a report (between `<body>` and the
    /// report's own script), or nil.
    public static func problem(inReport html: String) -> String? {
        var body = Substring(html)
        if let start = body.range(of: "<body>") { body = body[start.upperBound...] }
        if let script = body.range(of: "<script>", options: .backwards) { body = body[..<script.lowerBound] }
        for tag in HTMLTagScanner.tags(in: body) {
            if tag.name == "script" { return "a <script> element survived" }
            for (name, value) in tag.attributes {
                if name.hasPrefix("on") { return "<\(tag.name)> kept the handler attribute \(name)" }
                let url = HTMLTagScanner.decodeEntities(value).lowercased().unicodeScalars
                    .filter { $0.value > 0x20 && $0.value != 0x7F && $0 != "\u{FEFF}" }
                let compact = String(String.UnicodeScalarView(url))
                // Where a URL starts (srcset lists several), or anywhere in a style.
                let urls = name == "srcset" ? compact.split(separator: ",").map(String.init) : [compact]
                for scheme in ["javascript:", "vbscript:", "data:text/html"] {
                    let unsafe = name == "style" ? compact.contains(scheme) : urls.contains { $0.hasPrefix(scheme) }
                    if unsafe, Self.urlAttributes.contains(name) {
                        return "<\(tag.name) \(name)=\"\(value)\"> keeps a \(scheme) URL"
                    }
                }
            }
        }
        return nil
    }
}

/// A small scanner for the tags of well-formed HTML the report writes (names and quoted or
/// unquoted attribute values), used to check what survived the sanitiser.
public enum HTMLTagScanner {
    /// A start tag.
    public struct Tag {
        public var name: String
        public var attributes: [(String, String)]
    }

    /// Start tags in `html`, skipping comments.
    public static func tags(in html: Substring) -> [Tag] {
        var tags: [Tag] = []
        let scalars = Array(html.unicodeScalars)
        var index = 0
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\n" || s == "\t" || s == "\r" || s == "\u{C}" }
        while index < scalars.count {
            guard scalars[index] == "<" else {
                index += 1
                continue
            }
            if index + 3 < scalars.count, scalars[index + 1] == "!", scalars[index + 2] == "-",
                scalars[index + 3] == "-"
            {
                var end = index + 4
                while end + 2 < scalars.count,
                    !(scalars[end] == "-" && scalars[end + 1] == "-" && scalars[end + 2] == ">")
                { end += 1 }
                index = end + 3
                continue
            }
            index += 1
            var name = ""
            while index < scalars.count, !isSpace(scalars[index]), scalars[index] != ">", scalars[index] != "/" {
                name.unicodeScalars.append(scalars[index])
                index += 1
            }
            guard let first = name.unicodeScalars.first, first.properties.isAlphabetic else { continue }
            var attributes: [(String, String)] = []
            while index < scalars.count, scalars[index] != ">" {
                if isSpace(scalars[index]) || scalars[index] == "/" {
                    index += 1
                    continue
                }
                var attribute = ""
                while index < scalars.count, !isSpace(scalars[index]), scalars[index] != "=", scalars[index] != ">" {
                    attribute.unicodeScalars.append(scalars[index])
                    index += 1
                }
                var value = ""
                if index < scalars.count, scalars[index] == "=" {
                    index += 1
                    if index < scalars.count, scalars[index] == "\"" || scalars[index] == "'" {
                        let quote = scalars[index]
                        index += 1
                        while index < scalars.count, scalars[index] != quote {
                            value.unicodeScalars.append(scalars[index])
                            index += 1
                        }
                        index += 1
                    } else {
                        while index < scalars.count, !isSpace(scalars[index]), scalars[index] != ">" {
                            value.unicodeScalars.append(scalars[index])
                            index += 1
                        }
                    }
                }
                if attribute.isEmpty { index += 1 } else { attributes.append((attribute.lowercased(), value)) }
            }
            tags.append(Tag(name: name.lowercased(), attributes: attributes))
        }
        return tags
    }

    /// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`, `&colon;`, `&Tab;`, `&NewLine;` and numeric references decoded.
    public static func decodeEntities(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        let named = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "tab": "\t", "newline": "\n",
        ]
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let after = rest[rest.index(after: ampersand)...]
            let name = after.prefix(while: { $0.isLetter || $0.isNumber || $0 == "#" })
            var consumed = name.endIndex
            if consumed < after.endIndex, after[consumed] == ";" { consumed = after.index(after: consumed) }
            if let value = named[name.lowercased()] {
                result += value
            } else if name.hasPrefix("#x") || name.hasPrefix("#X"), let code = UInt32(name.dropFirst(2), radix: 16),
                let scalar = Unicode.Scalar(code)
            {
                result.unicodeScalars.append(scalar)
            } else if name.hasPrefix("#"), let code = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(code) {
                result.unicodeScalars.append(scalar)
            } else {
                result += "&"
                consumed = after.startIndex
            }
            rest = after[consumed...]
        }
        return result + rest
    }
}
