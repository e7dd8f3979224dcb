import Foundation
import Tensors
import Testing

/// Misuse stops the program with a message naming the operation, both shapes and the caller's line.
@Suite struct ShapeErrorTests {
    static func stderrText(_ result: ExitTest.Result?) -> String {
        String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    }

    @Test func matmulNamesBothShapesAndTheInnerDimensions() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = matmul(Tensor.zeros([2, 3]), Tensor.zeros([4, 5]))
        }
        let text = Self.stderrText(result)
        #expect(text.contains("matmul: shapes [2, 3] and [4, 5] do not match (inner dimensions 3 ≠ 4)"))
        #expect(text.contains("ShapeErrorTests.swift:"))
    }

    @Test func broadcastingNamesTheOperation() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]).adding(Tensor.zeros([4]))
        }
        #expect(Self.stderrText(result).contains("add: shapes [2, 3] and [4] do not match (cannot broadcast)"))
        let product = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]) * Tensor.zeros([3, 2])
        }
        #expect(Self.stderrText(product).contains("multiply: shapes [2, 3] and [3, 2] do not match"))
    }

    @Test func reshapeAndConcatenate() async {
        let reshape = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]).reshaped(to: [4, 2])
        }
        #expect(Self.stderrText(reshape).contains("reshape: shapes [2, 3] and [4, 2] do not match (6 elements ≠ 8)"))
        let concat = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.concatenate([Tensor.zeros([2, 3]), Tensor.zeros([2, 4])], axis: 0)
        }
        #expect(
            Self.stderrText(concat).contains(
                "concatenate: shapes [2, 3] and [2, 4] do not match (all axes but 0 must be equal)"))
    }

    @Test func lossAndLookupCheckTheirIndices() async {
        let labels = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = crossEntropy(logits: Tensor.zeros([2, 3]), labels: [0, 3])
        }
        #expect(Self.stderrText(labels).contains("crossEntropy: label 3 at position 1 is outside 0..<3"))
        let lookup = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = embedding(Tensor.zeros([5, 2]), [1, 7])
        }
        #expect(Self.stderrText(lookup).contains("embedding: index 7 at position 1 is outside 0..<5"))
    }

    @Test func backpropagateNeedsAScalar() async {
        await #expect(processExitsWith: .failure) {
            let p = Parameter(Tensor.ones([2]))
            backpropagate { p.value * 2 }
        }
    }
}
