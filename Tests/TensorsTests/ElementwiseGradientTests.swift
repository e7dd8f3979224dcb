import Tensors
import Testing

/// Finite-difference checks for every elementwise op (including broadcasting).
@Suite struct ElementwiseGradientTests {
    let a = Check.random([3, 4], seed: 1)
    let b = Check.random([3, 4], seed: 2)
    let row = Check.random([4], seed: 3)
    let column = Check.random([3, 1], seed: 4)
    let positive = Check.random([3, 4], seed: 5).abs() + 0.5

    @Test func add() {
        Check.gradients([a, b]) { $0[0] + $0[1] }
        Check.gradients([a, row]) { $0[0] + $0[1] }
        Check.gradients([column, row]) { $0[0] + $0[1] }
    }

    @Test func subtract() {
        Check.gradients([a, b]) { $0[0] - $0[1] }
        Check.gradients([row, a]) { $0[0] - $0[1] }
    }

    @Test func multiply() {
        Check.gradients([a, b]) { $0[0] * $0[1] }
        Check.gradients([a, column]) { $0[0] * $0[1] }
    }

    @Test func divide() {
        Check.gradients([a, positive]) { $0[0] / $0[1] }
        Check.gradients([a, positive.sum(axis: 0)]) { $0[0] / $0[1] }
    }

    @Test func scalarArithmetic() {
        Check.gradients([a]) { 3 * $0[0] + 1 }
        Check.gradients([a]) { 2 - $0[0] / 4 }
        Check.gradients([positive]) { 1 / $0[0] - 0.5 }
        Check.gradients([a]) { -$0[0] }
    }

    @Test func transcendental() {
        Check.gradients([a]) { $0[0].exp() }
        Check.gradients([positive]) { $0[0].log() }
        Check.gradients([positive]) { $0[0].sqrt() }
        Check.gradients([positive]) { $0[0].pow(1.5) }
        Check.gradients([a]) { $0[0].squared() }
        Check.gradients([a]) { $0[0].sin() }
        Check.gradients([a]) { $0[0].cos() }
        Check.gradients([a * 5]) { $0[0].softplus() }
    }

    @Test func activations() {
        Check.gradients([a]) { $0[0].tanh() }
        Check.gradients([a]) { $0[0].sigmoid() }
        Check.gradients([a]) { $0[0].gelu() }
        let kinked = Check.awayFromZero([3, 4], seed: 6)
        Check.gradients([kinked]) { $0[0].relu() }
        Check.gradients([kinked]) { $0[0].abs() }
        Check.gradients([kinked]) { $0[0].clamped(to: -0.1...0.1) }
    }

    @Test func selectionAndMasking() {
        let mask = (b .> 0)
        Check.gradients([a, b]) { Tensor.where(mask, $0[0], $0[1]) }
        Check.gradients([a, row]) { Tensor.where(mask, $0[0], $0[1]) }
        Check.gradients([a]) { $0[0].maskedFill(where: mask, with: -5) }
        Check.gradients([row]) { $0[0].broadcasted(to: [2, 3, 4]) }
    }
}
