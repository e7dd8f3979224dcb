import Tensors
import Testing

/// Products that `BLAS.gemm` runs as `RegisterBlockedGEMM` (at most 256 columns in whole 8-lane
/// blocks, a transposed B from 256 rows) against naive loops in Double: ragged row blocks,
/// 16- and 8-lane column blocks, 64-column panels with a ragged last one, 128-deep slices with a
/// remainder, both thread splits (rows, and columns when C is wide), products added into an
/// existing gradient (beta = 1) and a linear layer's bias rows (beta = 1).
@Suite struct RegisterBlockedGEMMTests {
    /// (m, n, k): rows split across threads with a transposed B on each half (600 rows), 8-lane
    /// tails (24, 72 columns), rows not a multiple of 4, panels and slices (200 columns, depth
    /// 700, split by columns), a single thread's small product, and a deep weight-gradient shape.
    static let shapes = [(600, 72, 40), (257, 24, 33), (37, 200, 700), (21, 8, 5), (48, 64, 600), (1030, 64, 64)]

    @Test(arguments: shapes)
    func productsMatchNaiveLoops(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        for (transposeA, transposeB) in [(false, false), (false, true), (true, false), (true, true)] {
            let a = Check.random(transposeA ? [k, m] : [m, k], seed: 61)
            let b = Check.random(transposeB ? [n, k] : [k, n], seed: 62)
            let c = matmul(a, b, transposeA: transposeA, transposeB: transposeB)
            #expect(c.shape == [m, n])
            let expected = MatMulTilingTests.naive(
                a.scalars, b.scalars, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
            Check.close(c.scalars, expected, tolerance: 1e-4)
        }
    }

    /// An operand used twice: the second pullback's products add into the gradient the first
    /// one wrote (dA = G₁ · B₁ᵀ + G₂ · B₂ᵀ, both register-blocked with beta = 1 the second time).
    @Test func gradientsAddIntoExistingOnes() {
        let (m, n, k) = (520, 40, 48)
        let a = Parameter(Check.random([m, k], seed: 63))
        let b1 = Parameter(Check.random([k, n], seed: 64))
        let b2 = Parameter(Check.random([n, k], seed: 65))
        let w = Check.random([m, n], seed: 66)
        let (_, grads) = valueWithGradient(at: [a, b1, b2]) {
            ((matmul(a.value, b1.value) + matmul(a.value, b2.value, transposeB: true)) * w).sum()
        }
        let da1 = MatMulTilingTests.naive(w.scalars, b1.value.scalars, m: m, n: k, k: n, transposeB: true)
        let da2 = MatMulTilingTests.naive(w.scalars, b2.value.scalars, m: m, n: k, k: n)
        Check.close(grads[0].scalars, zip(da1, da2).map { $0 + $1 }, tolerance: 1e-4)
        Check.close(
            grads[1].scalars, MatMulTilingTests.naive(a.value.scalars, w.scalars, m: k, n: n, k: m, transposeA: true),
            tolerance: 1e-4)
        Check.close(
            grads[2].scalars,
            MatMulTilingTests.naive(w.scalars, a.value.scalars, m: n, n: k, k: m, transposeA: true),
            tolerance: 1e-4)
    }

    /// `linear` with a bias (every row of the product starting from it) and its three gradients,
    /// on the Transformer's sizes (768 rows, 64 → 64 and 64 → 128), a ragged one, and two that
    /// OpenBLAS runs (57 and 300 outputs: the bias rows written first, 64-column panels).
    @Test(arguments: [(768, 64, 64), (768, 64, 128), (299, 40, 56), (299, 40, 57), (300, 70, 300)])
    func linearMatchesNaiveLoops(sizes: (Int, Int, Int)) {
        let (rows, inFeatures, outFeatures) = sizes
        let x = Parameter(Check.random([rows, inFeatures], seed: 67))
        let weight = Parameter(Check.random([outFeatures, inFeatures], seed: 68))
        let bias = Parameter(Check.random([outFeatures], seed: 69))
        let g = Check.random([rows, outFeatures], seed: 70)
        let forward = linear(x.value, weight: weight.value, bias: bias.value)
        let product = MatMulTilingTests.naive(
            x.value.scalars, weight.value.scalars, m: rows, n: outFeatures, k: inFeatures, transposeB: true)
        let b = bias.value.scalars
        Check.close(
            forward.scalars, product.enumerated().map { $1 + b[$0 % outFeatures] }, tolerance: 1e-4)
        let (_, weighted) = valueWithGradient(at: [x, weight, bias]) {
            (linear(x.value, weight: weight.value, bias: bias.value) * g).sum()
        }
        Check.close(
            weighted[0].scalars,
            MatMulTilingTests.naive(g.scalars, weight.value.scalars, m: rows, n: inFeatures, k: outFeatures),
            tolerance: 1e-4)
        Check.close(
            weighted[1].scalars,
            MatMulTilingTests.naive(
                g.scalars, x.value.scalars, m: outFeatures, n: inFeatures, k: rows, transposeA: true),
            tolerance: 1e-4)
        let db = (0..<outFeatures).map { j in (0..<rows).reduce(Float(0)) { $0 + g.scalars[$1 * outFeatures + j] } }
        Check.close(weighted[2].scalars, db, tolerance: 1e-4)
    }
}
