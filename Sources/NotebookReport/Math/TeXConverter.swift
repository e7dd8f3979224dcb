/// TeX to MathML (stub: shows the source until the converter lands).
enum TeXConverter {
    static func mathML(_ tex: String, display: Bool) -> String {
        "<math" + (display ? " display=\"block\"" : "") + "><mtext>" + HTMLEscaping.escape(tex) + "</mtext></math>"
    }
}
