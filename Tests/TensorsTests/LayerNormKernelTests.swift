import Tensors
import Testing

/// The fused layer norm (`LayerNormKernel`: 16-lane rows with a scalar tail, weight and bias
/// gradients summed per 64-row block) against the composition of elementwise ops and
/// reductions it replaces: values and all three gradients, for widths with and without a tail,
/// row counts below one block, with a ragged last block, and large enough to split across
/// threads.
@Suite struct LayerNormKernelTests {
    static func composed(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> Tensor {
        let mean = x.mean(axis: -1, keepingDimension: true)
        let centered = x - mean
        let variance = (centered * centered).mean(axis: -1, keepingDimension: true)
        return centered / (variance + 1e-5).sqrt() * w + b
    }

    /// (rows, d): one row, a tail only, whole vectors with a ragged last block, vectors plus a
    /// tail over threads (1 000 · 37 elements), and the Transformer's 768 rows of 64.
    @Test(arguments: [(1, 16), (3, 5), (130, 32), (1000, 37), (768, 64)])
    func equalsTheComposition(sizes: (Int, Int)) {
        let (rows, d) = sizes
        let x = Check.random([rows, d], seed: 111, scale: 3)
        let g = Check.random([rows, d], seed: 112)
        let ps = [Parameter(x), Parameter(Check.random([d], seed: 113)), Parameter(Check.random([d], seed: 114))]
        let (fused, fusedGrads) = valueWithGradient(at: ps) {
            (ps[0].value.layerNormalized(weight: ps[1].value, bias: ps[2].value) * g).sum()
        }
        let (reference, referenceGrads) = valueWithGradient(at: ps) {
            (Self.composed(ps[0].value, ps[1].value, ps[2].value) * g).sum()
        }
        Check.close([fused.item()], [reference.item()], tolerance: 1e-4)
        Check.close(
            x.layerNormalized(weight: ps[1].value, bias: ps[2].value).scalars,
            Self.composed(x, ps[1].value, ps[2].value).scalars, tolerance: 1e-4)
        for (f, r) in zip(fusedGrads, referenceGrads) { Check.close(f.scalars, r.scalars, tolerance: 1e-4) }
    }

    /// Only the weight and bias need gradients (the input is a constant), and only the input.
    @Test func partialGradients() {
        let x = Check.random([200, 48], seed: 115)
        let w = Parameter(Check.random([48], seed: 116))
        let b = Parameter(Check.random([48], seed: 117))
        let g = Check.random([200, 48], seed: 118)
        let fused = valueWithGradient(at: [w, b]) { (x.layerNormalized(weight: w.value, bias: b.value) * g).sum() }
        let reference = valueWithGradient(at: [w, b]) { (Self.composed(x, w.value, b.value) * g).sum() }
        for (f, r) in zip(fused.gradients, reference.gradients) { Check.close(f.scalars, r.scalars, tolerance: 1e-4) }
        let p = Parameter(x)
        let (wv, bv) = (w.value, b.value)
        let input = valueWithGradient(at: [p]) { (p.value.layerNormalized(weight: wv, bias: bv) * g).sum() }
        let inputReference = valueWithGradient(at: [p]) { (Self.composed(p.value, wv, bv) * g).sum() }
        Check.close(input.gradients[0].scalars, inputReference.gradients[0].scalars, tolerance: 1e-4)
    }
}
