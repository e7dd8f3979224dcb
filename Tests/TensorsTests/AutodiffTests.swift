import Foundation
import Tensors
import Testing

/// Tape semantics: accumulation, reuse, no-grad mode, named gradients.
@Suite struct AutodiffTests {
    struct Affine: Module {
        let weight = Parameter(Tensor([[1, 2], [3, 4]]))
        let bias = Parameter(Tensor([0.5, -0.5]))
        var namedParameters: [NamedParameter] { [.init("weight", weight), .init("bias", bias)] }
        func callAsFunction(_ x: Tensor) -> Tensor { matmul(x, weight.value) + bias.value }
    }

    @Test func gradientsAccumulateUntilZeroed() {
        let p = Parameter(Tensor([1, 2, 3]))
        backpropagate { (p.value * p.value).sum() }
        #expect(p.gradient?.scalars == [2, 4, 6])
        backpropagate { p.value.sum() * 3 }
        #expect(p.gradient?.scalars == [5, 7, 9])
        p.zeroGradient()
        #expect(p.gradient == nil)
    }

    @Test func aParameterUsedTwiceGetsBothContributions() {
        let p = Parameter(Tensor([2]))
        let (value, grads) = valueWithGradient(at: [p]) { (p.value * p.value * p.value + p.value).sum() }
        #expect(value.item() == 10)
        #expect(grads[0].scalars == [13])  // 3x² + 1
    }

    @Test func unusedParametersGetZeroGradients() {
        let used = Parameter(Tensor([1]))
        let unused = Parameter(Tensor.ones([2, 2]))
        let (_, grads) = valueWithGradient(at: [used, unused]) { used.value.sum() }
        #expect(grads[1] == Tensor.zeros([2, 2]))
    }

    @Test func noGradientModeRecordsNothing() {
        let p = Parameter(Tensor([1, 2]))
        let loss = backpropagate {
            let frozen = withoutGradient { p.value * 10 }
            #expect(!frozen.isRecorded)
            return (frozen + p.value).sum()
        }
        #expect(loss.item() == 33)
        #expect(p.gradient?.scalars == [1, 1])
        // outside any gradient computation nothing is recorded either
        #expect(!(p.value * 2).isRecorded)
        #expect(!p.value.detached.isRecorded)
    }

    @Test func valueWithGradientLeavesAccumulatedGradientsAlone() {
        let model = Affine()
        model.weight.gradient = Tensor.ones([2, 2])
        let x = Tensor([[1, 1]])
        let (value, grads) = valueWithGradient(of: model) { model(x).sum() }
        #expect(value.item() == 10)
        #expect(grads["weight"]?.scalars == [1, 1, 1, 1])
        #expect(grads["bias"]?.scalars == [1, 1])
        #expect(model.weight.gradient == Tensor.ones([2, 2]))
        #expect(model.bias.gradient == nil)
    }

    @Test func intermediateValuesCanBeReusedAcrossBranches() {
        let p = Parameter(Tensor([0.5, -1]))
        let (_, grads) = valueWithGradient(at: [p]) {
            let h = p.value.tanh()
            return (h * h + h).sum()
        }
        let t = [Float(0.5), -1].map { Foundation.tanh($0) }
        let expected = t.map { (2 * $0 + 1) * (1 - $0 * $0) }
        Check.close(grads[0].scalars, expected, tolerance: 1e-6)
    }

    @Test func settingAValueKeepsTheParameterDifferentiable() {
        let p = Parameter(Tensor([1]))
        p.value = Tensor([4])
        let (_, grads) = valueWithGradient(at: [p]) { p.value.squared().sum() }
        #expect(grads[0].scalars == [8])
    }

    @Test func moduleHelpers() {
        struct Stack: Module {
            let layers = [Affine(), Affine()]
            var namedParameters: [NamedParameter] {
                layers.enumerated().flatMap { $1.namedParameters.prefixed("layers.\($0)") }
            }
        }
        let model = Stack()
        #expect(
            model.namedParameters.map(\.name) == [
                "layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias",
            ])
        #expect(model.parameterCount == 12)
        #expect(model.layers[0].namedParameters(prefix: "enc").first?.name == "enc.weight")
        backpropagate { model.layers[1](Tensor([[1, 0]])).sum() }
        #expect(model.layers[1].weight.gradient != nil)
        model.zeroGradients()
        #expect(model.parameters.allSatisfy { $0.gradient == nil })
    }

    @Test func trainingReducesTheLoss() {
        var rng = RandomGenerator(seed: 1)
        let x = Tensor.randomNormal([16, 2], using: &rng)
        let labels = x.scalars.enumerated().filter { $0.offset % 2 == 0 }.map { $0.element > 0 ? 1 : 0 }
        let model = Affine()
        let optimizer = Adam(learningRate: 0.1)
        var losses: [Float] = []
        for _ in 0..<30 {
            let loss = backpropagate { crossEntropy(logits: model(x), labels: labels) }
            optimizer.step(model)
            model.zeroGradients()
            losses.append(loss.item())
        }
        #expect(losses.last! < losses.first! * 0.5)
    }
}
