import Tensors
import Testing

/// Elementwise and row-wise kernels split across threads from 2¹⁵ elements (when there are two):
/// the whole tensor's results equal, bit for bit, those of pieces small enough to run unsplit,
/// with a ragged last range and row boundaries that are not multiples of 16.
@Suite struct ParallelKernelTests {
    static let count = 40_003
    static let pieces = [0..<16_001, 16_001..<count]

    /// `whole` of the full tensors, and `piece` of each piece, concatenated.
    static func expectSplitEqualsPieces(
        _ whole: Tensor, sourceLocation: SourceLocation = #_sourceLocation, _ piece: (Range<Int>) -> Tensor
    ) {
        let joined = pieces.flatMap { piece($0).scalars }
        #expect(whole.scalars == joined, sourceLocation: sourceLocation)
    }

    @Test func elementwiseOpsAndGradients() {
        let x = Check.random([Self.count], seed: 81)
        let y = Check.random([Self.count], seed: 82)
        Self.expectSplitEqualsPieces(x.tanh()) { x[$0].tanh() }
        Self.expectSplitEqualsPieces(x.sigmoid()) { x[$0].sigmoid() }
        Self.expectSplitEqualsPieces(x + y) { x[$0] + y[$0] }
        Self.expectSplitEqualsPieces(x * y) { x[$0] * y[$0] }
        func gradient(_ x: Tensor, _ y: Tensor) -> Tensor {
            let p = Parameter(x)
            return valueWithGradient(at: [p]) { (p.value.tanh() * y).sum() }.gradients[0]
        }
        Self.expectSplitEqualsPieces(gradient(x, y)) { gradient(x[$0], y[$0]) }
    }

    /// 1 000 rows of 37 (37 000 elements): split by rows; the input's gradient too.
    @Test func layerNormRowsAndInputGradient() {
        let x = Check.random([1000, 37], seed: 83)
        let g = Check.random([1000, 37], seed: 84)
        let weight = Check.random([37], seed: 85)
        let bias = Check.random([37], seed: 86)
        func normalized(_ x: Tensor) -> (Tensor, Tensor) {
            let p = Parameter(x)
            let (_, grads) = valueWithGradient(at: [p]) {
                (p.value.layerNormalized(weight: weight, bias: bias) * g[0..<x.shape[0]]).sum()
            }
            return (x.layerNormalized(weight: weight, bias: bias), grads[0])
        }
        let (whole, wholeGradient) = normalized(x)
        let rows = [0..<433, 433..<1000]
        #expect(whole.scalars == rows.flatMap { normalized(x[$0]).0.scalars })
        let pieceGradients = rows.map { range -> [Float] in
            let p = Parameter(x[range])
            return valueWithGradient(at: [p]) {
                (p.value.layerNormalized(weight: weight, bias: bias) * g[range]).sum()
            }.gradients[0].scalars
        }
        #expect(wholeGradient.scalars == pieceGradients.flatMap { $0 })
    }

    /// Adam steps every parameter as one run of elements split across threads when the model
    /// has ≥ 2¹⁵ of them: bit for bit what stepping each (small) parameter alone gives, with and
    /// without weight decay, over sizes that are not multiples of 16.
    @Test func adamOverManyParametersEqualsEachAlone() {
        let shapes = [[7, 1_001], [20_011], [13], [9, 1_000], [1]]
        func trained(together: Bool, _ makeOptimizer: () -> any Optimizer) -> [[Float]] {
            let parameters = shapes.enumerated().map { Parameter(Check.random($1, seed: 90 + UInt64($0))) }
            let scales = shapes.enumerated().map { Check.random($1, seed: 100 + UInt64($0)) }
            let optimizers = together ? [makeOptimizer()] : parameters.map { _ in makeOptimizer() }
            for _ in 0..<3 {
                backpropagate {
                    zip(parameters, scales).map { ($0.value * $0.value * $1).sum() }.reduce(Tensor(0), +)
                }
                if together {
                    optimizers[0].step(parameters)
                } else {
                    for (optimizer, p) in zip(optimizers, parameters) { optimizer.step([p]) }
                }
                for p in parameters { p.zeroGradient() }
            }
            return parameters.map { $0.value.scalars }
        }
        for make in [{ Adam(learningRate: 0.01) }, { Adam(learningRate: 0.01, weightDecay: 0.1) }]
            as [() -> any Optimizer]
            + [{ AdamW(learningRate: 0.01, weightDecay: 0.1) }]
        {
            #expect(trained(together: true, make) == trained(together: false, make))
        }
    }

    /// A parameter listed twice is stepped twice, one step after the other, as two calls would.
    @Test func adamStepsAParameterListedTwiceTwice() {
        let start = Check.random([40_000], seed: 110)
        let scale = Check.random([40_000], seed: 111)
        var results: [[Float]] = []
        for twice in [true, false] {
            let p = Parameter(start)
            let optimizer = Adam(learningRate: 0.01)
            backpropagate { (p.value * p.value * scale).sum() }
            if twice {
                optimizer.step([p, p])
            } else {
                optimizer.step([p])
                optimizer.step([p])
            }
            results.append(p.value.scalars)
        }
        #expect(results[0] == results[1])
        #expect(results[0] != start.scalars)
    }
}
