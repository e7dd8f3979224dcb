/// Multi-head scaled dot-product attention as one fused op: scores, masked softmax and context
/// for every head in one pass, on head-interleaved rows (no head split/merge copies), instead of
/// the ~10 recorded ops (permutes, batched matmuls, scale, two masked fills, softmax) it takes
/// when composed.
///
/// `query` `[batch, queries, heads · d_k]`, `keys` `[batch, keys, heads · d_k]`, `values`
/// `[batch, keys, heads · d_v]`: head h reads columns h·d ..< (h+1)·d of each row, which is how a
/// projection's output is laid out. With qᵢ, kⱼ, vⱼ head h's slices,
///
///     weights[b, h, i, j] = softmax over the visible j of  scale · qᵢ · kⱼ
///     context[b, i, h·d_v ..< (h+1)·d_v] = Σⱼ weights[b, h, i, j] · vⱼ
///
/// `mask` (nonzero = hidden) broadcasts to `[batch, heads, queries, keys]`; a rank-3 mask is
/// `[batch, queries, keys]` (the same for every head), a rank-2 one `[queries, keys]`. Hidden
/// keys get weight exactly 0 and a query that sees no key at all gets all-zero weights and a zero
/// context (as `softmax(maskedFill(−1e9))` followed by `maskedFill(0)` does). `scale` defaults to
/// 1/√d_k.
///
/// Returns the context `[batch, queries, heads · d_v]` and the weights
/// `[batch, heads, queries, keys]`. Gradients flow to `query`, `keys` and `values` through the
/// context; the returned weights are for inspection and are not differentiable.
public func multiHeadAttention(
    query: Tensor, keys: Tensor, values: Tensor, heads: Int, mask: Tensor? = nil, scale: Float? = nil,
    file: StaticString = #fileID, line: UInt = #line
) -> (context: Tensor, weights: Tensor) {
    func fail(_ detail: String) -> Never {
        shapeFailure(
            .shapeMismatch(
                operation: "multiHeadAttention", shapes: [query.shape, keys.shape, values.shape],
                detail: detail),
            file: file, line: line)
    }
    guard query.rank == 3, keys.rank == 3, values.rank == 3 else {
        fail("query, keys and values must be [batch, time, heads · d]")
    }
    let (batch, queryCount, keyCount) = (query.shape[0], query.shape[1], keys.shape[1])
    guard keys.shape[0] == batch, values.shape[0] == batch, values.shape[1] == keyCount else {
        fail("keys and values need the query's batch and the same number of keys")
    }
    guard heads >= 1, query.shape[2] % heads == 0, values.shape[2] % heads == 0, keys.shape[2] == query.shape[2]
    else {
        fail("query and keys need the same width and every width must be divisible by \(heads) heads")
    }
    let keyDim = query.shape[2] / heads
    let valueDim = values.shape[2] / heads
    let target = [batch, heads, queryCount, keyCount]
    var maskStrides = (b: 0, h: 0, i: 0, j: 0)
    if let mask {
        let aligned: [Int]
        switch mask.rank {
        case 2: aligned = [1, 1] + mask.shape
        case 3: aligned = [mask.shape[0], 1, mask.shape[1], mask.shape[2]]
        case 4: aligned = mask.shape
        default: aligned = []
        }
        guard aligned.count == 4, zip(aligned, target).allSatisfy({ $0 == 1 || $0 == $1 }) else {
            shapeFailure(
                .shapeMismatch(
                    operation: "multiHeadAttention", shapes: [mask.shape, target],
                    detail: "the mask must broadcast to [batch, heads, queries, keys] "
                        + "(rank 3: [batch, queries, keys]; rank 2: [queries, keys])"),
                file: file, line: line)
        }
        let s = Broadcast.alignedStrides(aligned, rank: 4)
        maskStrides = (s[0], s[1], s[2], s[3])
    }
    let kernel = AttentionKernel(
        batch: batch, heads: heads, queries: queryCount, keys: keyCount, keyDim: keyDim, valueDim: valueDim,
        scale: scale ?? 1 / Float(keyDim).squareRoot(),
        mask: mask.map { UnsafePointer($0.storage.pointer) }, maskStrides: maskStrides)
    var context = Tensor(uninitializedShape: [batch, queryCount, heads * valueDim])
    let weights = Tensor(uninitializedShape: target)
    withExtendedLifetime(mask) {
        kernel.forward(
            q: query.storage.pointer, k: keys.storage.pointer, v: values.storage.pointer,
            context: context.storage.pointer, weights: weights.storage.pointer)
    }
    // the pullback reads the saved weights (0 where hidden), never the mask
    let (q, k, v, w) = (query.detached, keys.detached, values.detached, weights.detached)
    context.record([query, keys, values]) { g, need in
        // the kernel writes every element of the gradients it is given
        let dq = need[0] ? Tensor(uninitializedShape: q.shape) : nil
        let dk = need[1] ? Tensor(uninitializedShape: k.shape) : nil
        let dv = need[2] ? Tensor(uninitializedShape: v.shape) : nil
        kernel.backward(
            g: g.storage.pointer, weights: w.storage.pointer,
            q: q.storage.pointer, k: k.storage.pointer, v: v.storage.pointer,
            dq: dq?.storage.pointer, dk: dk?.storage.pointer, dv: dv?.storage.pointer)
        return [dq, dk, dv]
    }
    return (context, weights)
}
