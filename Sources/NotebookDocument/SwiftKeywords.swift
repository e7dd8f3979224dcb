/// The Swift keywords the tools need, in one table (The Swift Programming Language, "Lexical
/// Structure": Keywords and Punctuation): the parameter check, the runner's lexer and the
/// report's highlighter all read it.
public enum SwiftKeywords {
    /// Reserved everywhere: a constant cannot take one of these names without backticks.
    public static let reserved: Set<String> = [
        // declarations
        "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate", "func",
        "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "precedencegroup",
        "private", "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var",
        // statements
        "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if",
        "in", "repeat", "return", "switch", "throw", "where", "while",
        // expressions and types
        "Any", "as", "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try",
    ]

    /// Keywords only in particular places (`get` in an accessor, `mutating` before `func`…); valid
    /// names elsewhere, highlighted as keywords.
    public static let contextual: Set<String> = [
        "actor", "any", "async", "consume", "convenience", "didSet", "dynamic", "each", "final", "get", "indirect",
        "infix", "isolated", "lazy", "macro", "mutating", "nonmutating", "optional", "override", "package",
        "postfix", "prefix", "required", "sending", "set", "some", "unowned", "weak", "willSet",
    ]

    /// The literal keywords, highlighted as values.
    public static let literals: Set<String> = ["true", "false", "nil"]

    /// Words that begin a declaration or statement rather than an expression: a cell whose last
    /// statement starts with one has no value to show.
    public static let statementStarts: Set<String> = [
        "let", "var", "func", "class", "struct", "enum", "protocol", "extension", "import", "typealias", "if",
        "guard", "for", "while", "repeat", "switch", "do", "return", "throw", "defer", "break", "continue",
        "fallthrough", "actor", "operator", "precedencegroup", "public", "private", "fileprivate", "internal",
        "open", "static", "final", "lazy", "indirect", "prefix", "postfix", "infix", "nonisolated", "macro",
        "case", "default", "init", "deinit", "subscript", "else", "catch",
    ]

    /// Every keyword, reserved or contextual.
    public static let all: Set<String> = reserved.union(contextual)
}
