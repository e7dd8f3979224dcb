import Tensors
import Testing

/// Finite-difference checks for reductions, shape ops, matmul, softmax, losses and gathers.
@Suite struct StructureGradientTests {
    let x = Check.random([2, 3, 4], seed: 11)

    @Test func reductions() {
        Check.gradients([x]) { $0[0].sum() }
        Check.gradients([x]) { $0[0].mean() }
        for axis in 0..<3 {
            Check.gradients([x]) { $0[0].sum(axis: axis) }
            Check.gradients([x]) { $0[0].mean(axis: axis, keepingDimension: true) }
            Check.gradients([x]) { $0[0].max(axis: axis) }
        }
        Check.gradients([x]) { $0[0].max() }
        Check.gradients([x]) { $0[0].variance(axis: -1) }
        Check.gradients([x]) { $0[0].logSumExp(axis: 1) }
    }

    @Test func shapes() {
        Check.gradients([x]) { $0[0].reshaped(to: [6, -1]) }
        Check.gradients([x]) { $0[0].permuted([2, 0, 1]) }
        Check.gradients([x]) { $0[0].transposed() }
        Check.gradients([x]) { $0[0].expandingShape(at: 1).squeezingShape() }
    }

    @Test func slicing() {
        Check.gradients([x]) { $0[0].slice(axis: 2, 1..<3) }
        Check.gradients([x]) { $0[0].select(axis: 1, index: -1) }
        Check.gradients([x]) { $0[0][1] }
        Check.gradients([x]) { Tensor.stack($0[0].chunked(into: 2, axis: -1), axis: 0) }
        Check.gradients([x]) { Tensor.stack($0[0].unstacked(axis: 1), axis: 2) }
        // slices add into their region of a gradient that other slices or uses already started
        Check.gradients([x]) { xs in
            let parts = xs[0].chunked(into: 2, axis: -1)
            return parts[0] * parts[1] + parts[1].tanh() + parts[0].slice(axis: 0, 1..<2) * 3
        }
        Check.gradients([x]) {
            ($0[0] * 2).slice(axis: 1, 0..<2) + $0[0].slice(axis: 1, 1..<3) * $0[0].slice(axis: 1, 0..<2)
        }
    }

    @Test func joining() {
        let y = Check.random([2, 2, 4], seed: 12)
        Check.gradients([x, y]) { Tensor.concatenate([$0[0], $0[1]], axis: 1) }
        Check.gradients([x, x * 2]) { Tensor.stack([$0[0], $0[1]], axis: 3) }
    }

    @Test func matmulVariants() {
        let a = Check.random([3, 4], seed: 13)
        let b = Check.random([4, 5], seed: 14)
        Check.gradients([a, b]) { matmul($0[0], $0[1]) }
        Check.gradients([a.transposed(), b]) { matmul($0[0], $0[1], transposeA: true) }
        Check.gradients([a, b.transposed()]) { matmul($0[0], $0[1], transposeB: true) }
        Check.gradients([a.transposed(), b.transposed()]) { matmul($0[0], $0[1], transposeA: true, transposeB: true) }
        let batchA = Check.random([2, 3, 4], seed: 15)
        let batchB = Check.random([2, 4, 5], seed: 16)
        Check.gradients([batchA, batchB]) { matmul($0[0], $0[1]) }
        Check.gradients([batchA, batchB]) { matmul($0[0], $0[0], transposeB: true) + 0 * $0[1].sum() }
        Check.gradients([batchA, b]) { matmul($0[0], $0[1]) }
        Check.gradients([batchA, b.transposed()]) { matmul($0[0], $0[1], transposeB: true) }
        Check.gradients([batchA.transposed(), b]) { matmul($0[0], $0[1], transposeA: true) }
        Check.gradients([a, batchB]) { matmul($0[0], $0[1]) }
    }

    @Test func softmaxFamily() {
        Check.gradients([x]) { $0[0].softmax() }
        Check.gradients([x]) { $0[0].softmax(axis: 1) }
        Check.gradients([x]) { $0[0].logSoftmax() }
        Check.gradients([x]) { $0[0].logSoftmax(axis: 0) }
    }

    @Test func crossEntropyVariants() {
        let logits = Check.random([2, 3, 5], seed: 17)
        let labels = [0, 4, -100, 2, 2, 1]
        Check.gradients([logits]) { crossEntropy(logits: $0[0], labels: labels) }
        Check.gradients([logits]) { crossEntropy(logits: $0[0], labels: labels, labelSmoothing: 0.2) }
        Check.gradients([logits]) { crossEntropy(logits: $0[0], labels: labels, reduction: .sum) }
        Check.gradients([logits]) { crossEntropy(logits: $0[0], labels: labels, labelSmoothing: 0.1, reduction: .none) }
    }

    @Test func fusedLayerNorm() {
        let w = Check.random([4], seed: 21)
        let b = Check.random([4], seed: 22)
        Check.gradients([x, w, b]) { $0[0].layerNormalized(weight: $0[1], bias: $0[2]) }
        // matches the composition (x − μ)/√(σ² + ε)·w + b
        let mean = x.mean(axis: -1, keepingDimension: true)
        let centered = x - mean
        let variance = (centered * centered).mean(axis: -1, keepingDimension: true)
        let composed = centered / (variance + 1e-5).sqrt() * w + b
        #expect(Check.maxRelativeError(x.layerNormalized(weight: w, bias: b).scalars, composed.scalars) < 1e-4)
    }

    @Test func embeddingGather() {
        let table = Check.random([5, 3], seed: 18)
        Check.gradients([table]) { embedding($0[0], [4, 0, 4, 2], shape: [2, 2]) }
    }

    @Test func dropoutUsesItsMask() {
        let input = Check.random([4, 5], seed: 19)
        Check.gradients([input]) { xs in
            var rng = RandomGenerator(seed: 7)  // the same mask on every evaluation
            return dropout(xs[0], rate: 0.3, using: &rng)
        }
    }
}
