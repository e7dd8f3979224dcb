import Tensors
import Testing

/// The fused `linear` op (y = x · Wᵀ + b): values and gradients equal to the composition it
/// replaces, finite-difference gradients, and a weight used twice (gradients added in place).
@Suite struct LinearOpTests {
    static func composed(_ x: Tensor, _ w: Tensor, _ b: Tensor?) -> Tensor {
        let flat = x.reshaped(to: [x.count / w.shape[1], w.shape[1]])
        let y = matmul(flat, w, transposeB: true).reshaped(to: Array(x.shape.dropLast()) + [w.shape[0]])
        return b.map { y + $0 } ?? y
    }

    @Test func gradientsMatchFiniteDifferences() {
        let x = Check.random([2, 3, 4], seed: 51)
        let w = Check.random([5, 4], seed: 52)
        let b = Check.random([5], seed: 53)
        Check.gradients([x, w, b]) { linear($0[0], weight: $0[1], bias: $0[2]) }
        Check.gradients([x, w]) { linear($0[0], weight: $0[1]) }
        let square = Check.random([4, 4], seed: 54)
        Check.gradients([x, square, Check.random([4], seed: 55)]) {  // the weight and bias twice
            linear(linear($0[0], weight: $0[1], bias: $0[2]).tanh(), weight: $0[1], bias: $0[2])
        }
    }

    /// Sizes that tile and split the products (768 rows of 64 → 128, like a Transformer's FFN).
    @Test(arguments: [[2, 3, 4, 5], [768, 64, 128, 1], [37, 600, 45, 1]])
    func equalsTheComposition(sizes: [Int]) {
        let (rows, inFeatures, outFeatures, lead) = (sizes[0], sizes[1], sizes[2], sizes[3])
        let x = Check.random([lead, rows, inFeatures], seed: 56)
        let w = Check.random([outFeatures, inFeatures], seed: 57)
        let b = Check.random([outFeatures], seed: 58)
        let g = Check.random([lead, rows, outFeatures], seed: 59)
        for bias in [b, nil] {
            let ps = [Parameter(x), Parameter(w), Parameter(b)]
            let (fused, fusedGrads) = valueWithGradient(at: ps) {
                (linear(ps[0].value, weight: ps[1].value, bias: bias.map { _ in ps[2].value }) * g).sum()
            }
            let (reference, referenceGrads) = valueWithGradient(at: ps) {
                (Self.composed(ps[0].value, ps[1].value, bias.map { _ in ps[2].value }) * g).sum()
            }
            Check.close([fused.item()], [reference.item()], tolerance: 1e-4)
            for (f, r) in zip(fusedGrads, referenceGrads) { Check.close(f.scalars, r.scalars, tolerance: 1e-4) }
        }
        #expect(linear(x, weight: w, bias: b).shape == [lead, rows, outFeatures])
    }
}
