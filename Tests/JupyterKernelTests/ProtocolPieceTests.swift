import JupyterKernel
import Testing

@Suite("Jupyter protocol pieces")
struct ProtocolPieceTests {
    @Test(arguments: [
        ("let x = 1", CodeCompleteness.complete),
        ("func f() {\n    print(\"}\")\n}", .complete),
        ("// (", .complete),
        ("func f() {", .incomplete),
        ("let a = [1,", .incomplete),
        ("let s = \"\"\"\nmulti", .incomplete),
        ("/* open", .incomplete),
        ("let a = )", .invalid),
        ("}", .invalid),
        ("let s = \"open\nnext\"", .invalid),
    ])
    func completeness(_ code: String, _ expected: CodeCompleteness) {
        #expect(CodeCompleteness.of(code) == expected)
    }

    @Test func completionFindsTopLevelNamesAndTheWordBeforeTheCursor() {
        let names = CompletionIndex.declaredNames(in: [
            "let alpha = 1\nvar beta = 2", "func gamma() {}\nstruct Delta {}",
        ])
        #expect(names == ["Delta", "alpha", "beta", "gamma"])
        let (word, start) = CompletionIndex.word(in: "print(gam", cursor: 9)
        #expect(word == "gam")
        #expect(start == 6)
    }

    /// The HMAC-SHA256 of RFC 4231's test case 2 (key "Jefe"), split over two frames.
    @Test func signatureIsHMACSHA256InHex() {
        let signer = MessageSigner(key: "Jefe")
        let signature = signer.signature([Array("what do ya want ".utf8), Array("for nothing?".utf8)])
        #expect(signature == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(signer.isValid(Array(signature.utf8), for: [Array("what do ya want for nothing?".utf8)]))
        #expect(!signer.isValid(Array(signature.utf8), for: [Array("what do ya want for nothing!".utf8)]))
        #expect(MessageSigner(key: "").signature([[1, 2]]) == "")
    }
}
