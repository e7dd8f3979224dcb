/// A fully connected layer's affine map as one op (`torch.nn.functional.linear`):
///
///     y = x · Wᵀ + b
///
/// `x` `[..., in]`, `weight` `[out, in]`, `bias` `[out]` (or nil) → `[..., out]`. One GEMM whose
/// rows start from the bias instead of a product, a broadcast add and their two tape entries.
/// Gradients: dx = g · W, dW = gᵀ · x (rows of every leading axis together), db = Σ over rows
/// of g, each added straight into the inputs' gradients.
public func linear(
    _ x: Tensor, weight: Tensor, bias: Tensor? = nil, file: StaticString = #fileID, line: UInt = #line
) -> Tensor {
    let inFeatures = weight.rank == 2 ? weight.shape[1] : -1
    let outFeatures = weight.rank == 2 ? weight.shape[0] : -1
    if weight.rank != 2 || x.rank == 0 || x.shape[x.rank - 1] != inFeatures
        || (bias.map { $0.shape != [outFeatures] } ?? false)
    {
        shapeFailure(
            .shapeMismatch(
                operation: "linear", shapes: [x.shape, weight.shape] + (bias.map { [$0.shape] } ?? []),
                detail: "needs x [..., in], weight [out, in] and bias [out]"),
            file: file, line: line)
    }
    let rows = inFeatures == 0 ? x.count : x.count / inFeatures
    var y = Tensor(uninitializedShape: Array(x.shape.dropLast()) + [outFeatures])
    BLAS.gemm(
        transposeA: false, transposeB: true, m: rows, n: outFeatures, k: inFeatures,
        a: x.storage.pointer, lda: inFeatures, b: weight.storage.pointer, ldb: inFeatures,
        c: y.storage.pointer, ldc: outFeatures, bias: bias?.storage.pointer)
    let (xd, wd) = (x.detached, weight.detached)
    let inputs = bias.map { [x, weight, $0] } ?? [x, weight]
    y.recordAccumulating(inputs) { g, sinks in
        let pg = g.storage.pointer
        sinks[0]?.add(shape: xd.shape) { dx, accumulate in  // dx = g · W : [rows, in]
            BLAS.gemm(
                transposeA: false, transposeB: false, m: rows, n: inFeatures, k: outFeatures,
                a: pg, lda: outFeatures, b: wd.storage.pointer, ldb: inFeatures,
                beta: accumulate ? 1 : 0, c: dx, ldc: inFeatures)
        }
        sinks[1]?.add(shape: wd.shape) { dw, accumulate in  // dW = gᵀ · x : [out, in]
            BLAS.gemm(
                transposeA: true, transposeB: false, m: outFeatures, n: inFeatures, k: rows,
                a: pg, lda: outFeatures, b: xd.storage.pointer, ldb: inFeatures,
                beta: accumulate ? 1 : 0, c: dw, ldc: inFeatures)
        }
        if sinks.count > 2, let sink = sinks[2] {
            sink.add(shape: [outFeatures]) { db, accumulate in  // db = Σ_rows g
                if !accumulate { db.initialize(repeating: 0, count: outFeatures) }
                for r in 0..<rows { RowKernels.addScaled(pg + r &* outFeatures, 1, into: db, outFeatures) }
            }
        }
    }
    return y
}
