import NotebookDocument

/// An allowlist sanitiser for the HTML that cmark makes of the notes (raw HTML included).
///
/// What GitHub shows in a README is kept: paragraphs, emphasis, links, images with `width` and
/// `align`, `<details>`/`<summary>`, `<sub>`/`<sup>`, `<kbd>`, `<br>`, tables, aligned `<p>` and
/// `<div>`, and the markup of GitHub's Markdown extensions (``GFMMarkup``: disabled checkboxes,
/// footnote sections and ids, alert classes). Everything that could run script or load something is removed: `script`, `style`,
/// `iframe`, `object`, `embed`, `form` and the like, event handler attributes (`on…`), `style`
/// attributes, and `javascript:`, `vbscript:` and `data:` URLs (bar raster `data:image/…`).
/// The content of `script`, `style` and the other raw-text elements is dropped entirely; the
/// tags of unknown elements (`Array<Float>` in prose) are shown as text. The result is balanced:
/// an element left open is closed at the end, a stray end tag is dropped.
enum HTMLSanitizer {
    /// Allowed elements and the attributes each may keep (besides ``globalAttributes``).
    static let allowedElements: [String: Set<String>] = {
        var elements: [String: Set<String>] = [:]
        for name in [
            "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "center", "cite", "code", "dd", "del",
            "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
            "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp",
            "small", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
            "thead", "tr", "tt", "u", "ul", "var", "wbr", "col", "colgroup",
        ] {
            elements[name] = []
        }
        elements["a"] = ["href"]
        elements["img"] = ["src", "alt", "width", "height"]
        elements["td"] = ["colspan", "rowspan", "valign"]
        elements["th"] = ["colspan", "rowspan", "valign", "scope"]
        elements["ol"] = ["start", "type", "reversed"]
        elements["ul"] = ["type"]
        elements["li"] = ["value"]
        elements["details"] = ["open"]
        elements["blockquote"] = ["cite"]
        elements["q"] = ["cite"]
        elements["del"] = ["cite"]
        elements["ins"] = ["cite"]
        elements["col"] = ["span", "width"]
        elements["colgroup"] = ["span", "width"]
        elements["table"] = ["width"]
        elements["code"] = ["class"]
        elements["input"] = ["type", "checked", "disabled"]
        elements["section"] = ["class"]
        elements["div"] = ["class"]
        elements["p"] = ["class"]
        for name in ["a", "li", "sup"] { elements[name, default: []].insert("id") }
        return elements
    }()

    /// Attributes any allowed element may keep.
    static let globalAttributes: Set<String> = ["title", "lang", "dir", "align"]

    /// Elements removed together with everything inside them.
    static let droppedWithContent: Set<String> = HTMLTokenizer.rawTextElements.union([
        "template", "object", "applet", "svg", "math", "select", "datalist", "audio", "video", "canvas", "map",
        "head", "frameset",
    ])

    /// Known elements whose tags are removed but whose content stays.
    static let droppedTagOnly: Set<String> = [
        "form", "button", "option", "optgroup", "label", "fieldset", "legend", "link", "meta", "base",
        "embed", "frame", "param", "source", "track", "picture", "html", "body", "dialog", "main", "article",
        "header", "footer", "nav", "aside", "font", "big", "address", "hgroup", "output", "progress",
        "meter", "slot", "area", "image", "keygen", "menu", "marquee", "blink", "nobr", "portal",
    ]

    /// What the sanitiser does with an element's tags.
    enum Treatment {
        /// Kept, with these attributes (besides ``globalAttributes``).
        case allowed(Set<String>)
        /// Removed with everything inside (``droppedWithContent``).
        case droppedWithContent
        /// Removed, content kept (``droppedTagOnly``).
        case droppedTagOnly
    }

    /// Every known element's treatment (the sets above, in the order the rules try them: dropped
    /// with content, dropped tag, allowed); looked up once per tag through ``HTMLElementRule``.
    static let treatments: [String: Treatment] = {
        var treatments = allowedElements.mapValues { Treatment.allowed($0) }
        for name in droppedTagOnly { treatments[name] = .droppedTagOnly }
        for name in droppedWithContent { treatments[name] = .droppedWithContent }
        return treatments
    }()

    /// Sanitises an HTML fragment.
    static func sanitize(_ html: String) -> [SafeToken] {
        sanitize(tokens: HTMLTokenizer.tokenize(html))
    }

    /// Sanitises tokenized HTML.
    static func sanitize(tokens: [HTMLToken]) -> [SafeToken] {
        var output: [SafeToken] = []
        // At most one token per token, and one end per open element at the end: growing
        // the array instead copied every token several times.
        output.reserveCapacity(tokens.count + 16)
        var open: [String] = []
        var skipping: (name: String, depth: Int)?
        for token in tokens {
            if let (name, depth) = skipping {
                switch token {
                case .startTag(name, _, false) where !HTMLElementRule.of(name).isRawText:
                    skipping = (name, depth + 1)
                case .endTag(name):
                    skipping = depth == 0 ? nil : (name, depth - 1)
                default: break
                }
                continue
            }
            switch token {
            case .text(let text):
                output.append(.text(text))
            case .comment:
                continue
            case .startTag(let name, let attributes, let selfClosing):
                let allowed: Set<String>
                let rule = HTMLElementRule.of(name)
                switch rule.treatment {
                case .droppedWithContent?:
                    // Raw-text elements (script, style) are never self-closing in HTML.
                    if !selfClosing || rule.isRawText { skipping = (name, 0) }
                    continue
                case .droppedTagOnly?:
                    continue
                case nil:
                    output.append(.text(sourceText(of: token)))
                    continue
                case .allowed(let attributes)?:
                    allowed = attributes
                }
                let kept = filter(attributes, of: name, allowed: allowed)
                // Only a disabled checkbox (a GFM task list item) is kept of form controls.
                if name == "input", !GFMMarkup.isTaskCheckbox(kept) { continue }
                output.append(.start(name: name, attributes: kept))
                if !rule.isVoid {
                    open.append(name)
                }
            case .endTag(let name):
                let rule = HTMLElementRule.of(name)
                switch rule.treatment {
                case .droppedWithContent?, .droppedTagOnly?:
                    continue
                case nil:
                    if rule.isVoid { continue }
                    output.append(.text("</\(name)>"))
                    continue
                case .allowed?:
                    if rule.isVoid { continue }
                }
                guard let index = open.lastIndex(of: name) else { continue }
                for element in open[index...].reversed() { output.append(.end(name: element)) }
                open.removeSubrange(index...)
            }
        }
        for element in open.reversed() { output.append(.end(name: element)) }
        return output
    }

    /// The attributes `element` may keep, with URLs and numbers checked.
    private static func filter(_ attributes: [HTMLAttribute], of element: String, allowed: Set<String>)
        -> [HTMLAttribute]
    {
        var kept: [HTMLAttribute] = []
        for attribute in attributes {
            let name = attribute.name
            guard allowed.contains(name) || globalAttributes.contains(name) else { continue }
            var value = attribute.value
            switch name {
            case "href":
                guard let safe = URLPolicy.safeLink(value) else { continue }
                value = safe
            case "src":
                guard let safe = URLPolicy.safeImage(value) else { continue }
                value = safe
            case "cite":
                guard let safe = URLPolicy.safeLink(value), URLPolicy.scheme(of: safe) != "mailto" else { continue }
                value = safe
            case "width", "height":
                guard isDimension(value) else { continue }
            case "colspan", "rowspan", "span", "start", "value":
                guard !value.isEmpty, value.count <= 6, value.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                    continue
                }
            case "class":
                // cmark's `language-xyz` on code; the GFM classes on their elements.
                if element == "code" {
                    guard value.hasPrefix("language-"), value.count < 40,
                        value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_+#.".contains($0)) })
                    else { continue }
                } else {
                    guard GFMMarkup.allowsClass(value, on: element) else { continue }
                }
            case "id":
                guard GFMMarkup.allowsID(value) else { continue }
            case "checked", "disabled":
                value = ""
            case "type":
                let allowed = element == "input" ? ["checkbox"] : ["1", "a", "A", "i", "I", "disc", "circle", "square"]
                guard allowed.contains(value) else { continue }
            case "dir":
                guard ["ltr", "rtl", "auto"].contains(value.lowercased()) else { continue }
            case "align", "valign":
                guard
                    ["left", "right", "center", "justify", "top", "middle", "bottom", "baseline"].contains(
                        value.lowercased())
                else { continue }
            default:
                break
            }
            kept.append(HTMLAttribute(name: name, value: value))
        }
        return kept
    }

    private static func isDimension(_ value: String) -> Bool {
        var digits = value
        if digits.hasSuffix("%") { digits.removeLast() } else if digits.hasSuffix("px") { digits.removeLast(2) }
        return !digits.isEmpty && digits.count <= 5 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// An unknown tag as the text the user wrote, more or less (`<Float>`).
    private static func sourceText(of token: HTMLToken) -> String {
        guard case .startTag(let name, let attributes, let selfClosing) = token else { return "" }
        var text = "<" + name
        for attribute in attributes {
            text += " " + attribute.name
            if !attribute.value.isEmpty { text += "=\"" + attribute.value + "\"" }
        }
        return text + (selfClosing ? "/>" : ">")
    }
}
