import Foundation
import SequenceModels
import Tensors
import Testing

@Test func ntmAddressingMatchesPyTorch() {
    let c = Reference.named("ntm")
    func input(_ n: String) -> Tensor { Reference.tensor(c, "inputs", n) }
    func expected(_ n: String) -> Tensor { Reference.tensor(c, "outputs", n) }
    let a = NTMAddressing(
        memory: input("memory"), key: input("key"), strength: input("beta"), gate: input("g"),
        shift: input("shift"), sharpening: input("gamma"), previous: input("prev"))
    expectClose(a.content, expected("w_c"), "w_c")
    expectClose(a.gated, expected("w_g"), "w_g")
    expectClose(a.shifted, expected("w_tilde"), "w~")
    expectClose(a.weights, expected("w"), "w")
    expectClose(ntmRead(memory: input("memory"), weights: a.weights), expected("read"), "read")
    expectClose(
        ntmWrite(memory: input("memory"), weights: a.weights, erase: input("erase"), add: input("add")),
        expected("written"), "write")
}

@Test func ntmStepsMatchHandComputedValues() {
    // Rows of M: e1, e2, −e1, e1 + e2. Key e1 with β = 0 gives uniform content weights.
    let memory = Tensor(shape: [1, 4, 2], scalars: [1, 0, 0, 1, -1, 0, 1, 1])
    let key = Tensor(shape: [1, 2], scalars: [1, 0])
    let cos = cosineSimilarity(memory: memory, key: key)
    expectClose(cos, Tensor(shape: [1, 4], scalars: [1, 0, -1, 0.70710677]), "cosine")
    let uniform = ntmContentWeights(memory: memory, key: key, strength: Tensor(shape: [1, 1], scalars: [0]))
    expectClose(uniform, Tensor.full([1, 4], 0.25), "β = 0")
    // β = 1: softmax(cos) = e^cos / Σ e^cos.
    let e: [Float] = [1, 0, -1, 0.70710677].map { Float(Foundation.exp(Double($0))) }
    let total = e.reduce(0, +)
    expectClose(
        ntmContentWeights(memory: memory, key: key, strength: Tensor(shape: [1, 1], scalars: [1])),
        Tensor(shape: [1, 4], scalars: e.map { $0 / total }), "β = 1")
    // g = 0 keeps the previous weights; shifting a one-hot by +1 moves it one row down, wrapping.
    let oneHot = Tensor(shape: [1, 4], scalars: [0, 0, 0, 1])
    expectClose(ntmInterpolate(uniform, previous: oneHot, gate: Tensor(shape: [1, 1], scalars: [0])), oneHot, "g = 0")
    let plusOne = Tensor(shape: [1, 3], scalars: [0, 0, 1])
    expectClose(
        ntmCircularShift(oneHot, shift: plusOne), Tensor(shape: [1, 4], scalars: [1, 0, 0, 0]), "shift +1 wraps")
    let spread = ntmCircularShift(oneHot, shift: Tensor(shape: [1, 3], scalars: [0.25, 0.5, 0.25]))
    expectClose(spread, Tensor(shape: [1, 4], scalars: [0.25, 0, 0.25, 0.5]), "blur")
    // γ = 2: [0.25, 0, 0.25, 0.5]² / Σ = [1, 0, 1, 4] / 6.
    expectClose(
        ntmSharpen(spread, gamma: Tensor(shape: [1, 1], scalars: [2])),
        Tensor(shape: [1, 4], scalars: [1.0 / 6, 0, 1.0 / 6, 4.0 / 6]), "sharpen")
    // Reading with a one-hot on row 3 returns that row; writing erases it fully then adds a.
    expectClose(ntmRead(memory: memory, weights: oneHot), Tensor(shape: [1, 2], scalars: [1, 1]), "read")
    let written = ntmWrite(
        memory: memory, weights: oneHot, erase: Tensor(shape: [1, 2], scalars: [1, 1]),
        add: Tensor(shape: [1, 2], scalars: [5, 6]))
    #expect(written.scalars == [1, 0, 0, 1, -1, 0, 5, 6])
}

@Test func ntmIsDifferentiableEndToEnd() {
    var rng = RandomGenerator(seed: 41)
    let head = NTMHead(controllerSize: 5, memoryWidth: 3, rng: &rng)
    let controller = randomTensor([2, 5], seed: 42)
    let inputs = Inputs([
        "memory": randomTensor([2, 6, 3], seed: 43),
        "previous": randomTensor([2, 6], seed: 44).softmax(axis: -1),
    ])
    func loss() -> Tensor {
        let (p, a) = head(controller, memory: inputs["memory"], previous: inputs["previous"])
        let m = ntmWrite(memory: inputs["memory"], weights: a.weights, erase: p.erase, add: p.add)
        return weightedSum(ntmRead(memory: m, weights: a.weights)) + weightedSum(a.weights, seed: 5)
    }
    checkGradients(head, samples: 8, loss)
    checkGradients(inputs, samples: 6, loss)
    let (p, a) = head(controller, memory: inputs["memory"], previous: inputs["previous"])
    #expect(p.sharpening.scalars.allSatisfy { $0 >= 1 } && p.strength.scalars.allSatisfy { $0 >= 0 })
    for w in [a.content, a.gated, a.shifted, a.weights] {
        expectClose(w.sum(axis: 1), Tensor.ones([2]), "weights sum to 1")
    }
}
