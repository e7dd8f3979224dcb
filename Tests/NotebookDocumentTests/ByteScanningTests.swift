import NotebookDocument
import Testing

/// The byte-level helpers the Markdown passes and the report scan text with: they must find
/// what the `Character` and Foundation searches they replaced found.
@Suite struct ByteScanningTests {
    @Test func searchFindsNeedlesAmongMultiByteText() {
        let text = "日本 é[^1] 😀MATHPHQ"
        #expect(ByteSearch.contains("[^", in: text))
        #expect(!ByteSearch.contains("[^2", in: text))
        #expect(ByteSearch.contains("", in: text))
        let slice = text.dropFirst(3)
        let range = ByteSearch.firstRange(of: "MATHPHQ", in: slice)
        #expect(range.map { String(slice[$0]) } == "MATHPHQ")
        #expect(range?.upperBound == text.endIndex)
        #expect(ByteSearch.firstRange(of: "x", in: slice) == nil)
    }

    @Test func linesAreWhatSplittingAtLineFeedCharactersGives() {
        for text in ["", "\n", "a\n\nb\n", "é\r\nü\n😀", "\r\n\r\n", "x\r", "\n\u{301}a"] {
            let expected = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(ByteSearch.lines(of: text) == expected, "\(text.debugDescription)")
        }
    }

    @Test func aDelimiterIsACharacterOnlyWithoutAttachedMarks() {
        let text = UTF8Characters("$x$\u{301} \u{600}$ é$ \r\n`")
        let offsets = text.bytes.indices.filter { text.bytes[$0] < 0x80 && text.isCharacter(at: $0) }
        let characters = offsets.map { Character(Unicode.Scalar(text.bytes[$0])) }
        // The $ before U+0301 and the one after U+0600 (a prepended mark) are not characters of
        // their own; the \r and \n of \r\n are one character, neither alone.
        #expect(characters == ["$", "x", " ", " ", "$", " ", "`"])
    }

    @Test func firstScalarOfThePreviousCharacter() {
        let text = UTF8Characters(" \u{301}$a$\r\n$")
        // " \u{301}" is one character whose first scalar is the space.
        #expect(text.firstScalarOfCharacter(endingAt: 3) == " ")
        #expect(text.firstScalarOfCharacter(endingAt: 4) == "$")
        #expect(text.firstScalarOfCharacter(endingAt: text.count - 1) == "\r")
        #expect(UTF8Characters.isWhitespace("\u{3000}") && !UTF8Characters.isWhitespace("\u{301}"))
    }
}
