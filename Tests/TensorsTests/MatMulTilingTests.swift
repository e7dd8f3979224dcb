import Tensors
import Testing

/// Products large enough for `BLAS.gemm` to tile them (64-column panels from 256 rows, 128-deep
/// slices from depth 512) and to split them across threads (from 2¹⁸ multiply-adds, when there
/// are two), against naive loops in Double; and gradients that the products add straight into
/// an input's existing gradient (beta = 1).
@Suite struct MatMulTilingTests {
    /// op(A) · op(B) by three loops in Double: `a` is [m, k] (or [k, m]), `b` [k, n] (or [n, k]).
    static func naive(
        _ a: [Float], _ b: [Float], m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false
    ) -> [Float] {
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for p in 0..<k {
                    let x = transposeA ? a[p * m + i] : a[i * k + p]
                    let y = transposeB ? b[j * k + p] : b[p * n + j]
                    s += Double(x) * Double(y)
                }
                c[i * n + j] = Float(s)
            }
        }
        return c
    }

    /// (m, n, k): panels with a ragged last one, thread halves that are not multiples of 16,
    /// deep slices with a remainder, and shapes just below each threshold.
    static let shapes = [(300, 130, 70), (37, 45, 600), (257, 65, 64), (64, 192, 64), (255, 200, 511), (1, 200, 3)]

    @Test(arguments: shapes)
    func tiledProductsMatchNaiveLoops(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        for (transposeA, transposeB) in [(false, false), (false, true), (true, false), (true, true)] {
            let a = Check.random(transposeA ? [k, m] : [m, k], seed: 41)
            let b = Check.random(transposeB ? [n, k] : [k, n], seed: 42)
            let c = matmul(a, b, transposeA: transposeA, transposeB: transposeB)
            #expect(c.shape == [m, n])
            let expected = Self.naive(
                a.scalars, b.scalars, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
            Check.close(c.scalars, expected, tolerance: 1e-4)
        }
    }

    /// L = Σ (A · B) ⊙ W: dA = W · Bᵀ, dB = Aᵀ · W, for products that are tiled and split.
    @Test(arguments: [(300, 130, 70), (37, 45, 600)])
    func tiledProductGradientsMatchNaiveLoops(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        let a = Parameter(Check.random([m, k], seed: 43))
        let b = Parameter(Check.random([k, n], seed: 44))
        let w = Check.random([m, n], seed: 45)
        let (_, grads) = valueWithGradient(at: [a, b]) { (matmul(a.value, b.value) * w).sum() }
        let da = Self.naive(w.scalars, b.value.scalars, m: m, n: k, k: n, transposeB: true)
        let db = Self.naive(a.value.scalars, w.scalars, m: k, n: n, k: m, transposeA: true)
        Check.close(grads[0].scalars, da, tolerance: 1e-4)
        Check.close(grads[1].scalars, db, tolerance: 1e-4)
    }

    /// An operand used by several products (and as both operands of one): the later pullbacks add
    /// into the gradient the first one wrote.
    @Test func reusedOperandsAccumulateTheirGradients() {
        let x = Check.random([3, 4], seed: 46)
        let y = Check.random([3, 4], seed: 47)
        let w = Check.random([4, 5], seed: 48)
        Check.gradients([x, y, w]) { matmul($0[0], $0[2]) + matmul($0[1], $0[2]) }
        Check.gradients([x, w]) { matmul($0[0], $0[0], transposeB: true).sum() * matmul($0[0], $0[1]) }
        let batch = Check.random([2, 3, 4], seed: 49)
        Check.gradients([batch, w]) { matmul($0[0], $0[1]) + matmul($0[0], $0[1]) * 2 }  // shared operand, twice
        Check.gradients([batch, Check.random([2, 3, 5], seed: 50)]) {
            matmul($0[0], $0[1], transposeA: true)  // [2, 4, 5], both batched
        }
    }
}
