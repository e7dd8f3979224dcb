import Foundation
import Tensors
import Testing

/// The vectorised tanh (a rational approximation) against double-precision tanh.
@Suite struct VectorMathTests {
    /// Every 10⁻³ over [−12, 12] (16-lane chunks and a ragged tail), plus the edges.
    @Test func tanhIsWithinFourTenMillionthsOfDoublePrecision() {
        let grid = (-12_000...12_000).map { Float($0) / 1000 }
        let y = Tensor(grid).tanh().scalars
        var worst: Double = 0
        for (x, t) in zip(grid, y) { worst = max(worst, abs(Double(t) - Foundation.tanh(Double(x)))) }
        #expect(worst <= 4e-7)
        let edges = Tensor([0, -0.0, 1e-6, -3e-4, 5e-4, .infinity, -.infinity, 1e30, .nan]).tanh().scalars
        #expect(edges[0] == 0 && edges[1] == 0)
        #expect(edges[2] == 1e-6 && edges[3] == -3e-4)
        #expect(abs(edges[4] - Float(Foundation.tanh(5e-4))) < 1e-9)
        #expect(abs(edges[5] - 1) < 1e-6 && abs(edges[6] + 1) < 1e-6 && abs(edges[7] - 1) < 1e-6)
        #expect(edges[8].isNaN)
    }
}
