import Foundation
import NotebookTestSupport
import Testing

/// Argument mistakes in the libraries' checks (rates, counts, sizes, lengths): in a release build
/// a `precondition` loses its message, so every check goes through the shape-failure path and
/// the cell's failure names the operation and the values, at the cell's own line.
@Suite struct ArgumentErrorTests {
    struct Mistake: Sendable {
        var name: String
        var code: String
        var message: String
    }

    /// One of each kind of check: Tensors' ops and creation, layers' construction and calls,
    /// metrics, data batching and positional limits.
    static let mistakes: [Mistake] = [
        Mistake(
            name: "dropout rate",
            code: "var g = RandomGenerator(seed: 1)\nlet a = dropout(Tensor.zeros([2]), rate: 1.5, using: &g)",
            message: "dropout: rate 1.5 must be in [0, 1)"),
        Mistake(
            name: "arange step", code: "let b = Tensor.arange(0, 4, step: 0)", message: "arange: step must not be 0"),
        Mistake(
            name: "Dropout layer rate", code: "let c = Dropout(rate: -0.5)",
            message: "Dropout: rate -0.5 must be in [0, 1)"),
        Mistake(
            name: "ragged embedding batch",
            code:
                "var g = RandomGenerator(seed: 1)\nlet e = Embedding(vocabularySize: 5, dim: 2, rng: &g)\nlet x = e([[1, 2], [3]])",
            message: "Embedding: all sequences must have the same length (pad them), got lengths [2, 1]"),
        Mistake(
            name: "heads not dividing",
            code: "var g = RandomGenerator(seed: 1)\nlet m = MultiHeadAttention(queryDim: 6, heads: 4, rng: &g)",
            message: "MultiHeadAttention: hidden 6 is not divisible by 4 heads"),
        Mistake(
            name: "BLEU counts", code: "let s = corpusBLEU(hypotheses: [[1], [2]], references: [[[1]]])",
            message: "corpusBLEU: 2 hypotheses but 1 reference lists"),
        Mistake(
            name: "accuracy rows", code: "let t = SequenceMetrics.tokenAccuracy(predictions: [[1]], references: [])",
            message: "tokenAccuracy: 1 prediction rows but 0 reference rows"),
        Mistake(
            name: "position past maxLength",
            code:
                "var g = RandomGenerator(seed: 1)\nlet p = PositionalEncoding(.sinusoidal, maxLength: 4, dim: 2, rng: &g)\nlet q = p.encoding(count: 6)",
            message: "PositionalEncoding: position 5 ≥ maxLength 4"),
    ]

    @Test func everyArgumentMistakeNamesItsOperationValuesAndLine() throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Each mistake in its own `error: true` cell: the runner replays past each crash.
        var notes = "# Mistakes\n"
        for mistake in Self.mistakes {
            notes +=
                "\n```swift\n//| error: true\n//| label: \(mistake.name.replacingOccurrences(of: " ", with: "-"))\n\(mistake.code)\n```\n"
        }
        try NotebookBinary.write(notes, to: folder + "/mistakes.md")
        let result = try NotebookBinary.run(["render", "mistakes.md", "--to", "md", "--no-cache"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let written = try String(contentsOfFile: folder + "/mistakes.out.md", encoding: .utf8)
        let regions = written.components(separatedBy: "<!-- notebook:output -->").dropFirst()
        #expect(regions.count == Self.mistakes.count, "\(written)")
        for (mistake, region) in zip(Self.mistakes, regions) {
            // The failing call is the cell's last code line (after its two option lines).
            let line = mistake.code.split(separator: "\n").count
            #expect(region.contains("**expected failure: crash** at cell line \(line)"), "\(mistake.name): \(region)")
            #expect(region.contains("Fatal error: \(mistake.message)"), "\(mistake.name): \(region)")
        }
    }
}
