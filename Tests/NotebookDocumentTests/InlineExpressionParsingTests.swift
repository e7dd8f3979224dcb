import NotebookDocument
import Testing

/// `{swift} expr` code spans in prose: found with exact positions, in every kind of block.
@Suite struct InlineExpressionParsingTests {
    @Test func expressionsCarryTheirCodeAndPositions() throws {
        let notebook = try NotebookParser.parse(
            text:
                "# T\n\nA `{swift} x + 1` and ``{swift}  `y` `` end.\n\n```swift\nlet x = 1\n```\n\n> quoted `{swift} q`\n\n- item `{swift}   z`\n\n`{swiftly}` and `swift` are plain.\n",
            path: "n.md")
        let expressions = notebook.inlineExpressions
        #expect(expressions.map(\.code) == ["x + 1", "`y`", "q", "z"])
        #expect(expressions.map(\.index) == [0, 1, 2, 3])
        #expect(expressions.map(\.line) == [3, 3, 9, 11])
        #expect(expressions[0].column == 12)
        #expect(expressions[0].spanStart == TextPosition(line: 3, column: 3))
        #expect(expressions[0].spanEnd == TextPosition(line: 3, column: 17))
        #expect(expressions[1].column == 34)
        #expect(expressions[1].spanStart.column == 23)
        #expect(expressions[1].spanEnd.column == 39)
        #expect(expressions[3].column == 19)
        guard case .prose(let last) = notebook.blocks.last else {
            Issue.record("expected prose last")
            return
        }
        #expect(last.inlineExpressions.map(\.index) == [2, 3])
    }

    @Test func markerAloneIsPlainCode() throws {
        let notebook = try NotebookParser.parse(
            text: "# T\n\nWrite `{swift}` then the expression; `{swift} ` too.\n", path: "n.md")
        #expect(notebook.inlineExpressions.isEmpty)
    }

    @Test func substitutionReplacesTheWholeSpanWithEscapedText() {
        let lines = ["Value `{swift} a` and ``{swift} b`` end", "next `{swift} c`"]
        let expressions = [
            InlineExpression(
                index: 0, code: "a", line: 1, column: 16, spanStart: .init(line: 1, column: 7),
                spanEnd: .init(line: 1, column: 17)),
            InlineExpression(
                index: 1, code: "b", line: 1, column: 33, spanStart: .init(line: 1, column: 23),
                spanEnd: .init(line: 1, column: 35)),
            InlineExpression(
                index: 2, code: "c", line: 2, column: 15, spanStart: .init(line: 2, column: 6),
                spanEnd: .init(line: 2, column: 16)),
        ]
        let result = InlineExpression.substituting(
            expressions, texts: [0: "1*2", 1: "[x]", 2: "ok"], in: lines, firstLine: 1)
        #expect(result == ["Value 1\\*2 and \\[x\\] end", "next ok"])
    }
}
