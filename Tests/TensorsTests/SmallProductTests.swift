import Tensors
import Testing

/// Batches of tiny products (≤ 2¹² multiply-adds each), which run as Swift loops instead of one
/// BLAS call per batch element: values against naive loops for every transpose combination and
/// ragged widths, and finite-difference gradients, including a shared operand whose gradient sums
/// over the batch.
@Suite struct SmallProductTests {
    /// (m, n, k): a 16-column block plus a tail, a tail only, one column, depth 1.
    @Test(arguments: [(1, 21, 10), (3, 5, 7), (10, 1, 64), (4, 16, 1)])
    func batchedTinyProductsMatchNaiveLoops(shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        let batch = 3
        for (transposeA, transposeB) in [(false, false), (false, true), (true, false), (true, true)] {
            let a = Check.random([batch] + (transposeA ? [k, m] : [m, k]), seed: 71)
            let b = Check.random([batch] + (transposeB ? [n, k] : [k, n]), seed: 72)
            let c = matmul(a, b, transposeA: transposeA, transposeB: transposeB)
            #expect(c.shape == [batch, m, n])
            for i in 0..<batch {
                let expected = MatMulTilingTests.naive(
                    a[i].scalars, b[i].scalars, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
                Check.close(c[i].scalars, expected, tolerance: 1e-5)
            }
        }
    }

    @Test func gradientsMatchFiniteDifferences() {
        let weights = Check.random([4, 1, 10], seed: 73)  // like an attention step: [b, 1, keys]
        let values = Check.random([4, 10, 21], seed: 74)
        Check.gradients([weights, values]) { matmul($0[0], $0[1]) }
        Check.gradients([values, Check.random([4, 3, 21], seed: 75)]) { matmul($0[0], $0[1], transposeB: true) }
        // a shared right-hand matrix under a transposed batch: its gradient sums over the batch
        Check.gradients([Check.random([3, 5, 2], seed: 76), Check.random([5, 7], seed: 77)]) {
            matmul($0[0], $0[1], transposeA: true)
        }
    }
}
