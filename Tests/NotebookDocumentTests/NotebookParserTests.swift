import Foundation
import NotebookDocument
import NotebookTestSupport
import Testing

@Suite struct NotebookParserTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test func fixtureNotebookMatchesItsGoldenModel() throws {
        let path = Self.fixtures.appendingPathComponent("lesson.md").path
        let notebook = try NotebookParser.parse(fileAt: path)
        var relative = notebook
        relative.path = "lesson.md"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let dump = String(decoding: try encoder.encode(relative), as: UTF8.self) + "\n"
        GoldenFile.check(dump, against: Self.fixtures.appendingPathComponent("lesson.model.json").path)
    }

    @Test func fixtureNotebookStructure() throws {
        let notebook = try NotebookParser.parse(fileAt: Self.fixtures.appendingPathComponent("lesson.md").path)
        #expect(notebook.title == "Attention, step by step")
        #expect(notebook.frontMatter.timeout == 120)
        #expect(
            notebook.frontMatter.parameters.map(\.value) == [
                .int(20), .string("additive"), .double(0.001), .bool(true),
            ])
        #expect(notebook.frontMatter.parameters.map(\.line) == [4, 5, 6, 7])
        let cells = notebook.codeCells
        #expect(cells.map(\.language) == ["swift", "swift", "python", "", "swift", "swift"])
        #expect(cells[0].options.label == "setup")
        #expect(cells[0].options.echo == false)
        #expect(cells[0].source == "let tokens = [\"the\", \"cat\"]")
        #expect(cells[0].fenceLine == 15)
        #expect(cells[0].sourceLine == 18)
        #expect(cells[1].options.error)
        #expect(cells[1].options.timeout == 5)
        #expect(cells[4].options.eval == false)
        #expect(cells[5].source == "print(tokens)")
        #expect(notebook.runnableCells.map(\.ordinal) == [0, 1, 5])
        guard case .prose(let first) = notebook.blocks[0] else {
            Issue.record("expected prose first")
            return
        }
        #expect(first.startLine == 11)
        #expect(first.markdown.hasPrefix("# One decoding step"))
    }

    @Test func titleFallsBackToHeadingThenFileName() throws {
        let withHeading = try NotebookParser.parse(text: "Intro\n\n# The Heading\n", path: "dir/notes.md")
        #expect(withHeading.title == "The Heading")
        let plain = try NotebookParser.parse(text: "just text\n", path: "dir/notes.md")
        #expect(plain.title == "notes")
    }

    @Test func setextHeadingsAndSeedNotesParse() throws {
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/seeds")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: seeds.path)) ?? []
        let notes = files.filter { $0.hasSuffix(".txt") && $0 != "README.md" }
        for name in notes {
            let notebook = try NotebookParser.parse(fileAt: seeds.appendingPathComponent(name).path)
            #expect(!notebook.blocks.isEmpty, "\(name)")
        }
    }

    @Test func crlfAndByteOrderMarkAreAccepted() throws {
        let notebook = try NotebookParser.parse(
            text: "\u{FEFF}# T\r\n\r\n```swift\r\nprint(1)\r\n```\r\n", path: "n.md")
        #expect(notebook.codeCells.first?.source == "print(1)")
        #expect(notebook.title == "T")
    }

    private func proseTexts(_ notebook: Notebook) -> [String] {
        notebook.blocks.compactMap { if case .prose(let prose) = $0 { prose.markdown } else { nil } }
    }

    /// A `\r` that starts a `Character` with a combining mark still ends a line, for cmark and
    /// for the parser alike: the cell after it is found, on its line.
    @Test func aReturnBeforeACombiningMarkEndsTheLine() throws {
        let notebook = try NotebookParser.parse(
            text: "# T\r\u{301}\r\n\r```swift\nprint(1)\n```\n", path: "n.md")
        #expect(notebook.codeCells.count == 1)
        #expect(notebook.codeCells.first?.source == "print(1)")
        #expect(notebook.codeCells.first?.fenceLine == 4)
        #expect(proseTexts(notebook) == ["# T\n\u{301}"])
    }

    /// The notebook's parse protects footnote definitions as the report's does: a one-word
    /// definition is not read as a link reference definition (which would make `[^1]` a link
    /// in the title, and define `^1` for the whole document), and the columns of a protected
    /// line are the file's.
    @Test func footnoteDefinitionsAreProtectedAsInTheReport() throws {
        let text = "# Heading[^1]\n\n[^1]: word\n\n[^2]: a `{swift} 1 + 1` b\n"
        let notebook = try NotebookParser.parse(text: text, path: "n.md")
        #expect(notebook.title == "Heading[^1]")
        #expect(notebook.linkReferenceDefinitions.isEmpty)
        guard case .prose(let prose) = notebook.blocks.first else {
            Issue.record("no prose")
            return
        }
        #expect(prose.range.endLine == 5)
        #expect(prose.range.endColumn == "[^2]: a `{swift} 1 + 1` b".utf8.count)
        let expression = try #require(prose.inlineExpressions.first)
        #expect(expression.code == "1 + 1")
        #expect(expression.line == 5)
        #expect(expression.column == "[^2]: a `{swift} ".utf8.count + 1)
        #expect(expression.spanStart.column == "[^2]: a ".utf8.count + 1)
    }

    /// cmark ends a setext heading on the line after it when an indented code block follows: the
    /// prose stops before the cell, so the code is not shown twice.
    @Test func proseEndsBeforeTheCellAfterASetextHeading() throws {
        let notebook = try NotebookParser.parse(text: "Title\n---\n    indented code\nMore.\n", path: "n.md")
        #expect(proseTexts(notebook) == ["Title\n---", "More."])
        #expect(notebook.codeCells.first?.source == "indented code")
    }

    /// cmark makes no block for a paragraph of link reference definitions: such lines still
    /// belong to the prose around them, and every definition is the document's.
    @Test func linkReferenceDefinitionsStayInTheirProseAndApplyToTheWholeDocument() throws {
        let firstProse = """
            [early]: https://example.org/early
            See [the docs][d].

            [d]: https://example.org/docs
            [e]:
              https://example.org/e
              "E"
            """
        let notebook = try NotebookParser.parse(
            text: """
                ---
                title: T
                ---

                \(firstProse)

                ```swift
                let x = 1
                ```

                [only]: https://example.org/only

                ```swift
                x
                ```

                Note[^1].

                [^1]: b

                """, path: "n.md")
        let prose = notebook.blocks.compactMap { if case .prose(let prose) = $0 { prose } else { nil } }
        #expect(prose.count == 3)
        #expect(prose.first?.markdown == firstProse)
        #expect(prose.first?.range == SourceRange(startLine: 5, startColumn: 1, endLine: 11, endColumn: 5))
        #expect(prose.dropFirst().first?.markdown == "[only]: https://example.org/only")
        #expect(
            prose.dropFirst().first?.range == SourceRange(startLine: 17, startColumn: 1, endLine: 17, endColumn: 32))
        #expect(prose.last?.markdown == "Note[^1].\n\n[^1]: b", "a footnote's one-word definition is not dropped")
        // A definition that begins a paragraph is the document's too (its paragraph's block spans
        // its line); a footnote's is not a link's.
        let definitions = notebook.linkReferenceDefinitions.definitions
        #expect(definitions.map(\.label) == ["early", "d", "e", "only"])
        #expect(definitions.map(\.line) == [5, 8, 9, 17])
        #expect(definitions.first?.markdown == "[early]: https://example.org/early")
        #expect(definitions.dropFirst(2).first?.markdown == "[e]:\n  https://example.org/e\n  \"E\"")
        #expect(notebook.codeCells.map(\.source) == ["let x = 1", "x"])
    }

    /// Definitions that begin a paragraph of text, as cmark reads them: a title on the next
    /// line or over two, a destination on the next line, `<…>`, parentheses, escapes; the text
    /// after them is not one, nor is a line that only looks like one after text.
    @Test(arguments: [
        ("[a]: /a\n\"T\"\nText.", ["a"], ["[a]: /a\n\"T\""]),
        (
            "[a]:\n  /a 'two\nlines'\n[b]: </b c> (t)\nText [c]: /c", ["a", "b"],
            ["[a]:\n  /a 'two\nlines'", "[b]: </b c> (t)"]
        ),
        ("[a\\]]: /f(o(o)) \"t\" junk\nText.", [], []),
        ("[a]: /a \"t\" junk\nText.", [], []),
        ("[a]: /a\n\"t\" junk\nText.", ["a"], ["[a]: /a"]),
        ("[ ]: /blank\nText.", [], []),
        ("[a]: <b\nc>\nText.", [], []),
    ])
    func definitionsThatBeginAParagraphAreTheDocuments(
        _ paragraph: String, labels: [String], markdown: [String]
    ) throws {
        let notebook = try NotebookParser.parse(text: paragraph + "\n\n```swift\n1\n```\n", path: "n.md")
        #expect(notebook.linkReferenceDefinitions.definitions.map(\.label) == labels)
        #expect(notebook.linkReferenceDefinitions.definitions.map(\.markdown) == markdown)
        #expect(notebook.linkReferenceDefinitions.definitions.first.map { $0.line == 1 } ?? true)
    }

    /// The definitions that begin a paragraph are read in one pass: 50,000 of them before the
    /// text, or one followed by a title that never closes over 1 MB (each read once, linear;
    /// checked by output, not by time).
    @Test func leadingDefinitionsAreReadOnce() throws {
        let many = (0..<50_000).map { "[d\($0)]: /\($0)" }.joined(separator: "\n")
        let notebook = try NotebookParser.parse(text: many + "\ntext\n\n```swift\n1\n```\n", path: "n.md")
        #expect(notebook.linkReferenceDefinitions.definitions.count == 50_000)
        #expect(notebook.linkReferenceDefinitions.definitions.last?.markdown == "[d49999]: /49999")
        let unclosed = "[a]: /a\n\"" + String(repeating: "never closed ", count: 80_000) + "\n\n```swift\n1\n```\n"
        let open = try NotebookParser.parse(text: unclosed, path: "n.md")
        #expect(open.linkReferenceDefinitions.definitions.map(\.markdown) == ["[a]: /a"])
    }

    @Test func aBlockIsRenderedWithTheDefinitionsItMentionsFromElsewhere() throws {
        let notebook = try NotebookParser.parse(
            text: """
                [Docs]: https://example.org/first
                [docs]: https://example.org/second
                [  Two   Words ]: /two
                [^1]: note
                [other]: continues the footnote's paragraph, as on GitHub

                ```swift
                1
                ```

                See [the DOCS][docs], [two words], [two
                words][], \\[x] [[docs]] and [^1].
                [local]: /local-is-read-by-cmark

                """, path: "n.md")
        let definitions = notebook.linkReferenceDefinitions
        #expect(definitions.definitions.map(\.label) == ["docs", "docs", "two words"])
        let used = definitions.used(in: "See [the DOCS][docs], [two words], [two\nwords][] and [^1].", outside: 11...13)
        #expect(used.map(\.markdown) == ["[Docs]: https://example.org/first", "[  Two   Words ]: /two"])
        #expect(definitions.used(in: "[docs]", outside: 1...5).isEmpty, "a block's own definitions are cmark's")
        #expect(definitions.used(in: "no brackets, [unclosed", outside: 11...11).isEmpty)
        #expect(LinkReferenceDefinitions().used(in: "[docs]", outside: 1...1).isEmpty)
        let decoded = try JSONDecoder().decode(
            LinkReferenceDefinitions.self, from: try JSONEncoder().encode(definitions))
        #expect(decoded == definitions && decoded.used(in: "[docs]", outside: 11...13) == Array(used.prefix(1)))
    }
}
