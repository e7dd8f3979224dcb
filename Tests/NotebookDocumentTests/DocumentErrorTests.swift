import Foundation
import NotebookDocument
import Testing

@Suite struct DocumentErrorTests {
    func error(_ text: String) -> DocumentError? {
        do {
            _ = try NotebookParser.parse(text: text, path: "notes.md")
            return nil
        } catch {
            return error
        }
    }

    @Test func unknownCellOptionNamesTheLine() throws {
        let info = try #require(error("# T\n\n```swift echoo=false\nprint(1)\n```\n"))
        #expect(info.description.hasPrefix("notes.md:3: error: unknown cell option 'echoo'"))
        let quarto = try #require(error("# T\n\n```swift\n//| eval: true\n//| colour: red\nprint(1)\n```\n"))
        #expect(quarto.description.hasPrefix("notes.md:5: error: unknown cell option 'colour'"))
    }

    @Test func badOptionValues() throws {
        #expect(error("```swift echo=maybe\n1\n```\n")?.description.contains("must be true or false") == true)
        #expect(error("```swift timeout=-3\n1\n```\n")?.description.contains("positive number") == true)
        #expect(error("```swift\n//| label\n1\n```\n")?.description.contains("has no value") == true)
    }

    @Test func optionsOnlyApplyToSwiftCells() throws {
        #expect(error("```python echoo=1\nprint(1)\n```\n") == nil)
    }

    @Test func unterminatedFenceIsAnError() throws {
        let problem = try #require(error("# T\n\ntext\n\n```swift\nprint(1)\n"))
        #expect(problem.location?.line == 5)
        #expect(problem.message.contains("never closed"))
    }

    @Test func malformedFrontMatter() throws {
        let unclosed = try #require(error("---\ntitle: x\n\n# body\n"))
        #expect(unclosed.description.hasPrefix("notes.md:1: error: front matter opened here is never closed"))
        let yaml = try #require(error("---\ntitle: [unclosed\n---\n# body\n"))
        #expect(yaml.message.hasPrefix("malformed front matter"))
        let unknownKey = try #require(error("---\ntitle: x\ncolour: red\n---\n"))
        #expect(unknownKey.description.hasPrefix("notes.md:3: error: unknown front matter key 'colour'"))
        let badParameter = try #require(error("---\nparams:\n  2fast: 1\n---\n"))
        #expect(badParameter.description.hasPrefix("notes.md:3: error: parameter name '2fast'"))
        let nested = try #require(error("---\nparams:\n  sizes: [1, 2]\n---\n"))
        #expect(nested.message.contains("single value"))
    }

    @Test func emptyBinaryAndNonUTF8Files() throws {
        #expect(error("")?.message == "is empty")
        #expect(error("  \n\n")?.message == "is empty")
        do {
            _ = try NotebookParser.parse(data: Data([0x23, 0x20, 0x00, 0x01]), path: "bin.md")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("binary"))
        }
        do {
            _ = try NotebookParser.parse(data: Data([0x23, 0x0A, 0x0A, 0xC3, 0x28]), path: "latin.md")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("not valid UTF-8"))
            #expect(error.location?.line == 3)
        }
    }

    @Test func missingFileAndFolder() throws {
        do {
            _ = try NotebookParser.parse(fileAt: "/definitely/not/here.md")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "/definitely/not/here.md: error: no such file (check the path)")
        }
        do {
            _ = try NotebookParser.parse(fileAt: "/tmp")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("folder"))
        }
    }
}
