/// Matrix products through BLAS `sgemm`, with batching and transposes folded into the call.
///
/// `matmul(a, b)` multiplies the last two axes: `[..., m, k] · [..., k, n] → [..., m, n]`.
/// The leading (batch) axes must be equal, or one operand may be a plain matrix shared by
/// every batch element (`[batch, time, d] · [d, h]` runs as one `[batch·time, d] · [d, h]`).
/// `transposeA`/`transposeB` use the operand's last two axes transposed without copying.
public func matmul(
    _ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false,
    file: StaticString = #fileID, line: UInt = #line
) -> Tensor {
    if a.rank < 2 || b.rank < 2 {
        shapeFailure(
            .shapeMismatch(
                operation: "matmul", shapes: [a.shape, b.shape],
                detail: "both operands need at least 2 axes; reshape vectors to [1, n] or [n, 1]"),
            file: file, line: line)
    }
    let m = transposeA ? a.shape[a.rank - 1] : a.shape[a.rank - 2]
    let k = transposeA ? a.shape[a.rank - 2] : a.shape[a.rank - 1]
    let kb = transposeB ? b.shape[b.rank - 1] : b.shape[b.rank - 2]
    let n = transposeB ? b.shape[b.rank - 2] : b.shape[b.rank - 1]
    if k != kb {
        shapeFailure(
            .shapeMismatch(
                operation: "matmul", shapes: [a.shape, b.shape],
                detail: "inner dimensions \(k) ≠ \(kb)"),
            file: file, line: line)
    }
    let batchA = Array(a.shape.dropLast(2))
    let batchB = Array(b.shape.dropLast(2))
    // A shared right-hand matrix: fold the batch into the rows, one big GEMM.
    if batchB.isEmpty && !batchA.isEmpty && !transposeA {
        let rows = Shape.count(batchA) * m
        let flat = a.reshaped(to: [rows, k])
        return matmul(flat, b, transposeB: transposeB).reshaped(to: batchA + [m, n])
    }
    let batchShape: [Int]
    if batchA == batchB || batchB.isEmpty {
        batchShape = batchA
    } else if batchA.isEmpty {
        batchShape = batchB
    } else {
        shapeFailure(
            .shapeMismatch(
                operation: "matmul", shapes: [a.shape, b.shape],
                detail: "batch dimensions \(batchA) ≠ \(batchB)"),
            file: file, line: line)
    }
    let batch = Shape.count(batchShape)
    let sa = batchA.isEmpty ? 0 : m * k
    let sb = batchB.isEmpty ? 0 : k * n
    var y = Tensor(uninitializedShape: batchShape + [m, n])
    MatMulKernel.run(
        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, batch: batch,
        a: a.storage.pointer, strideA: sa, b: b.storage.pointer, strideB: sb,
        c: y.storage.pointer, strideC: m * n)
    let ad = a.detached
    let bd = b.detached
    let (shapeA, shapeB) = (a.shape, b.shape)
    // each gradient is summed into the input's gradient by the product itself (beta = 1)
    y.recordAccumulating(a, b) { g, sinkA, sinkB in
        let pg = g.storage.pointer
        sinkA?.add(shape: shapeA) { da, accumulate in
            if transposeA {  // dA = op(B) · Gᵀ : [k, m]
                MatMulKernel.run(
                    transposeA: transposeB, transposeB: true, m: k, n: m, k: n, batch: batch,
                    a: bd.storage.pointer, strideA: sb, b: pg, strideB: m * n,
                    c: da, strideC: sa, accumulate: accumulate)
            } else {  // dA = G · op(B)ᵀ : [m, k]
                MatMulKernel.run(
                    transposeA: false, transposeB: !transposeB, m: m, n: k, k: n, batch: batch,
                    a: pg, strideA: m * n, b: bd.storage.pointer, strideB: sb,
                    c: da, strideC: sa, accumulate: accumulate)
            }
        }
        sinkB?.add(shape: shapeB) { db, accumulate in
            if transposeB {  // dB = Gᵀ · op(A) : [n, k]
                MatMulKernel.run(
                    transposeA: true, transposeB: transposeA, m: n, n: k, k: m, batch: batch,
                    a: pg, strideA: m * n, b: ad.storage.pointer, strideB: sa,
                    c: db, strideC: sb, accumulate: accumulate)
            } else {  // dB = op(A)ᵀ · G : [k, n]
                MatMulKernel.run(
                    transposeA: !transposeA, transposeB: false, m: k, n: n, k: m, batch: batch,
                    a: ad.storage.pointer, strideA: sa, b: pg, strideB: m * n,
                    c: db, strideC: sb, accumulate: accumulate)
            }
        }
    }
    return y
}

extension Tensor {
    /// self · other over the last two axes (see the free function `matmul`).
    public func matmul(
        _ other: Tensor, transposeA: Bool = false, transposeB: Bool = false,
        file: StaticString = #fileID, line: UInt = #line
    ) -> Tensor {
        Tensors.matmul(self, other, transposeA: transposeA, transposeB: transposeB, file: file, line: line)
    }
}

/// Batched GEMM over operands with per-batch strides; a stride of 0 shares the operand
/// (for the output: every batch element is summed into the same matrix). With `accumulate` the
/// products are added to what `c` holds (beta = 1), else they replace it.
enum MatMulKernel {
    /// Batches of products with at most this many multiply-adds each run as Swift loops
    /// (`SmallProduct`): a BLAS call costs ~0.5–1 µs of setup, more than e.g. the 640
    /// multiply-adds of one sequence's attention context ([1, 10] · [10, 64]).
    static let smallProduct = 1 << 12

    static func run(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, batch: Int,
        a: UnsafePointer<Float>, strideA: Int, b: UnsafePointer<Float>, strideB: Int,
        c: UnsafeMutablePointer<Float>, strideC: Int, accumulate: Bool = false
    ) {
        let lda = transposeA ? m : k
        let ldb = transposeB ? k : n
        if batch == 0 {
            if strideC == 0 && !accumulate { c.initialize(repeating: 0, count: m * n) }
            return
        }
        if batch > 1 && m &* n &* k <= smallProduct {
            for i in 0..<batch {
                SmallProduct.run(
                    transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                    a: a + i &* strideA, lda: lda, b: b + i &* strideB, ldb: ldb,
                    accumulate: accumulate || (strideC == 0 && i > 0), c: c + i &* strideC)
            }
            return
        }
        for i in 0..<batch {
            BLAS.gemm(
                transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                a: a + i &* strideA, lda: lda, b: b + i &* strideB, ldb: ldb,
                beta: accumulate || (strideC == 0 && i > 0) ? 1 : 0, c: c + i &* strideC, ldc: n)
        }
    }
}
