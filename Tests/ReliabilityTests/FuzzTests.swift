import Foundation
import NotebookDocument
import NotebookFuzzing
import NotebookOutput
import NotebookTestSupport
import Testing

/// Short seeded fuzzing runs (the same targets as `notebook-fuzz`), and the inputs the fuzzer
/// found as regression cases.
@Suite struct FuzzTests {
    @Test(arguments: Fuzzer.allTargets.map(\.name))
    func seededRunFindsNothing(_ name: String) throws {
        let target = try #require(Fuzzer.target(named: name))
        let report = Fuzzer.run([target], seconds: 1.5, seed: 20_251_121)
        #expect(report.failures.isEmpty, "\(report.failures.map(\.description).joined(separator: "\n"))")
        #expect((report.iterations[name] ?? 0) > 50, "only \(report.iterations[name] ?? 0) inputs")
    }

    @Test func replayIsDeterministic() {
        for target in Fuzzer.allTargets {
            #expect(
                Fuzzer.input(of: target, seed: 7, iteration: 123) == Fuzzer.input(of: target, seed: 7, iteration: 123))
        }
    }

    /// Found by the markdown target: a lone carriage return is a line end for cmark.
    @Test func loneCarriageReturnRegression() {
        let inputs = [
            "# a\rb\r\r```swift\rprint(1)\r```\r", "x\r\r\r\r\r\n```swift\nprint(1)\n```\n", "```\r\r\r",
            "\r```swift\r\r```",
        ]
        for input in inputs {
            #expect(MarkdownFuzzTarget().check(Array(input.utf8)) == nil, "\(input.debugDescription)")
        }
    }

    /// Found by the records target: a stream ending with the first bytes of a header kept them as text.
    @Test func partialHeaderAtTheEndIsText() {
        var decoder = RecordStreamDecoder(framing: RecordFraming(nonce: "abc123"))
        let chunks = decoder.feed(Array("tail\u{1E}NBabc".utf8)) + decoder.finish()
        let text = chunks.compactMap { if case .text(let bytes) = $0 { bytes } else { nil } }.joined()
        #expect(Array(text) == Array("tail\u{1E}NBabc".utf8))
        // A whole header whose payload never came is a cut-off record: dropped.
        var cut = RecordStreamDecoder(framing: RecordFraming(nonce: "abc123"))
        let cutChunks = cut.feed(Array("tail\u{1E}NBabc123:40:{\"cell".utf8)) + cut.finish()
        #expect(cutChunks == [.text(Array("tail".utf8))])
    }

    @Test func fuzzerCommandLineRunsAndReplays() throws {
        let fuzz = NotebookBinary.folder + "/notebook-fuzz"
        try #require(FileManager.default.isExecutableFile(atPath: fuzz), "notebook-fuzz is not built next to the tests")
        let run = HTMLValidator.shell([fuzz, "--seconds", "2", "--seed", "5"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("markdown:"))
        let replay = HTMLValidator.shell([fuzz, "--target", "records", "--seed", "5", "--replay", "3"])
        #expect(replay.status == 0)
        #expect(replay.output.contains("no failure at iteration 3"))
        #expect(HTMLValidator.shell([fuzz, "--target", "nope"]).status == 64)
    }
}
