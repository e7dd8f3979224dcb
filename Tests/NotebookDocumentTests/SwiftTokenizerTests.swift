import NotebookDocument
import Testing

@Suite struct SwiftTokenizerTests {
    private func kinds(_ source: String) -> [(SwiftTokenizer.Token.Kind, String)] {
        let tokenizer = SwiftTokenizer(source)
        return tokenizer.tokens.filter { $0.kind != .whitespace }.map { ($0.kind, tokenizer.text(of: $0)) }
    }

    @Test func tokensCoverEveryByteInOrder() {
        let source =
            "let s = #\"raw \\#(x + f(1)) \"#; /* a /* nested */ c */ @MainActor #if x\n\"\"\"\nmulti \\(y)\n\"\"\" é`bad"
        let tokenizer = SwiftTokenizer(source)
        var offset = 0
        for token in tokenizer.tokens {
            #expect(token.start == offset)
            offset = token.end
        }
        #expect(offset == source.utf8.count)
        #expect(tokenizer.tokens.map { tokenizer.text(of: $0) }.joined() == source)
    }

    @Test func interpolationsHoldCodeTokens() {
        let tokens = kinds("\"a \\(f(x)) b\"")
        #expect(
            tokens.map(\.0) == [
                .stringText, .interpolationOpen, .identifier, .punctuation, .identifier, .punctuation,
                .interpolationClose,
                .stringText,
            ])
        #expect(tokens.first?.1 == "\"a " && tokens.last?.1 == " b\"")
    }

    @Test func keywordsCommentsNumbersAttributesDirectives() {
        let tokens = kinds("@discardableResult func f() -> Int { return 0x1F + 1.5e-3 } // done\n#if DEBUG")
        #expect(tokens.contains { $0 == (.attribute, "@discardableResult") })
        #expect(tokens.contains { $0 == (.keyword, "func") })
        #expect(tokens.contains { $0 == (.number, "0x1F") })
        #expect(tokens.contains { $0 == (.number, "1.5e-3") })
        #expect(tokens.contains { $0 == (.comment, "// done") })
        #expect(tokens.contains { $0 == (.directive, "#if") })
        #expect(tokens.contains { $0 == (.operator, "->") })
    }

    @Test(arguments: [
        ("let s = \"open", "string literal is never closed", 1),
        ("x\n/* a /* b */", "comment '/*' is never closed", 2),
        ("\"\\(f(x)", "string interpolation '\\(' is never closed", 1),
    ])
    func unterminatedPiecesAreProblems(source: String, message: String, line: Int) {
        let problem = SwiftTokenizer(source).problem
        #expect(problem == SwiftTokenizer.Problem(message: message, line: line))
    }

    @Test func balancedCodeHasNoProblem() {
        #expect(SwiftTokenizer("let a = \"\\(b[\"k\"] ?? \"\")\" // \"\n").problem == nil)
    }
}
