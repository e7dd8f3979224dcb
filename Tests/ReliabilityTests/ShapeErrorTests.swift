import Foundation
import NotebookTestSupport
import Testing

/// Shape mistakes in notebook cells: the failure names the operation and both shapes, and
/// points at the cell's line that made the call (not at a line inside the library).
@Suite struct ShapeErrorTests {
    struct Mistake: Sendable, CustomTestStringConvertible {
        var name: String
        var code: String
        var message: [String]
        var testDescription: String { name }
    }

    static let mistakes: [Mistake] = [
        Mistake(
            name: "matmul", code: "let c = matmul(Tensor.zeros([2, 3]), Tensor.zeros([4, 5]))",
            message: ["matmul", "[2, 3]", "[4, 5]"]),
        Mistake(
            name: "broadcasting add", code: "let d = Tensor.zeros([2, 3]) + Tensor.zeros([4, 5])",
            message: ["add", "[2, 3]", "[4, 5]"]),
        Mistake(
            name: "reshape", code: "let e = Tensor.zeros([2, 3]).reshaped(to: [4, 2])",
            message: ["reshape", "[2, 3]", "[4, 2]"]),
        Mistake(
            name: "concatenate",
            code: "let f = Tensor.concatenate([Tensor.zeros([2, 3]), Tensor.zeros([3, 4])], axis: 0)",
            message: ["concatenate", "[2, 3]", "[3, 4]"]),
        Mistake(
            name: "Linear of the wrong width",
            code:
                "var rng = RandomGenerator(seed: 1)\nlet layer = Linear(3, 2, rng: &rng)\nlet y = layer(Tensor.zeros([5, 4]))",
            message: ["Linear", "[5, 4]", "3"]),
        Mistake(
            name: "attention with mismatched dims",
            code:
                "let attention = Attention(DotScoring())\nlet out = attention(query: Tensor.zeros([2, 1, 4]), keys: Tensor.zeros([2, 5, 3]), values: Tensor.zeros([2, 5, 3]), mask: nil)",
            message: ["[2, 1, 4]", "[2, 5, 3]"]),
        Mistake(
            name: "multi-head attention with mismatched dims",
            code:
                "var rng = RandomGenerator(seed: 1)\nlet mha = MultiHeadAttention(queryDim: 4, heads: 2, rng: &rng)\nlet out = mha(query: Tensor.zeros([2, 3, 4]), keys: Tensor.zeros([2, 5, 6]), values: Tensor.zeros([2, 5, 6]), mask: nil)",
            message: ["[2, 5, 6]"]),
    ]

    @Test(arguments: mistakes)
    func shapeMistakeNamesShapesAndTheCellsLine(_ mistake: Mistake) throws {
        let folder = try NotebookBinary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The failing call is the cell's last line; the cell starts at line 4.
        let lines = mistake.code.split(separator: "\n")
        let failingLine = 4 + lines.count - 1
        try NotebookBinary.write("# Shapes\n\n```swift\n\(mistake.code)\n```\n", to: folder + "/shapes.md")
        let result = try NotebookBinary.run(["render", "shapes.md", "--no-cache"], in: folder)
        #expect(result.status == 1, "\(result.standardError)")
        let errorLine = result.standardError.split(separator: "\n").first { $0.contains("shapes.md:") } ?? ""
        #expect(errorLine.hasPrefix("shapes.md:\(failingLine):"), "\(result.standardError)")
        #expect(errorLine.contains("crash"), "\(errorLine)")
        for part in mistake.message {
            #expect(errorLine.contains(part), "'\(part)' missing from: \(errorLine)")
        }
        #expect(!errorLine.contains("Index out of range"), "\(errorLine)")
    }
}
