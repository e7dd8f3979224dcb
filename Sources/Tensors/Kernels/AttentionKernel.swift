/// Fused multi-head scaled dot-product attention, forward and backward, one (batch, head) unit
/// at a time, straight from head-interleaved rows.
///
/// Row r of `q` holds every head's query side by side (`heads · keyDim` floats, head h at
/// offset h · keyDim): the layout a projection writes, so no head split or merge copy is made.
/// The per-head products are tiny in the lesson models (e.g. 12 × 12 × 16 multiply-adds), where
/// a BLAS call's setup and packing cost more than the arithmetic, so the products here are
/// vectorised loops over one head's row (dot products and scaled row additions).
struct AttentionKernel {
    let batch: Int, heads: Int, queries: Int, keys: Int, keyDim: Int, valueDim: Int
    /// Multiplies every score (usually 1/√keyDim).
    let scale: Float
    /// Nonzero = hidden; indexed with `maskStrides` (b, h, i, j), 0 on broadcast axes.
    let mask: UnsafePointer<Float>?
    let maskStrides: (b: Int, h: Int, i: Int, j: Int)

    /// Multiply-adds of the forward pass (the backward pass is about twice this).
    var work: Int { batch &* heads &* queries &* keys &* (keyDim &+ valueDim) }

    /// From this much work (multiply-adds) the units are split across threads (~100 µs of work
    /// on one core, against a few µs for the hop).
    static let parallelWork = 1 << 18

    @inline(__always) func queryRow(_ b: Int, _ i: Int, _ h: Int) -> Int {
        (b &* queries &+ i) &* (heads &* keyDim) &+ h &* keyDim
    }
    @inline(__always) func keyRow(_ b: Int, _ j: Int, _ h: Int) -> Int {
        (b &* keys &+ j) &* (heads &* keyDim) &+ h &* keyDim
    }
    @inline(__always) func valueRow(_ b: Int, _ j: Int, _ h: Int) -> Int {
        (b &* keys &+ j) &* (heads &* valueDim) &+ h &* valueDim
    }
    @inline(__always) func contextRow(_ b: Int, _ i: Int, _ h: Int) -> Int {
        (b &* queries &+ i) &* (heads &* valueDim) &+ h &* valueDim
    }
    @inline(__always) func weightRow(_ b: Int, _ h: Int, _ i: Int) -> Int {
        ((b &* heads &+ h) &* queries &+ i) &* keys
    }

    /// weights[b, h, i, :] = softmax over unmasked j of scale · q[b, i, h] · k[b, j, h] (a row
    /// with every key hidden is all zeros); context[b, i, h] = Σⱼ weights[b, h, i, j] · v[b, j, h].
    func forward(
        q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>,
        context: UnsafeMutablePointer<Float>, weights: UnsafeMutablePointer<Float>
    ) {
        ParallelLoop.run(units: batch &* heads, work: work, minimumWork: Self.parallelWork) { units in
            for unit in units {
                let b = unit / heads
                let h = unit % heads
                for i in 0..<queries {
                    let qi = q + queryRow(b, i, h)
                    let w = weights + weightRow(b, h, i)
                    var maximum = -Float.infinity
                    let maskRow = mask.map { $0 + (b &* maskStrides.b &+ h &* maskStrides.h &+ i &* maskStrides.i) }
                    for j in 0..<keys {
                        if let maskRow, maskRow[j &* maskStrides.j] != 0 {
                            w[j] = -.infinity  // exp gives exactly 0
                            continue
                        }
                        let s = RowKernels.dot(qi, k + keyRow(b, j, h), keyDim) * scale
                        w[j] = s
                        if s > maximum || s.isNaN { maximum = s }
                    }
                    let out = context + contextRow(b, i, h)
                    out.update(repeating: 0, count: valueDim)
                    if maximum == -.infinity {  // every key hidden
                        w.update(repeating: 0, count: keys)
                        continue
                    }
                    let total = RowKernels.expShifted(w, w, keys, shift: maximum)
                    RowKernels.scale(w, keys, by: 1 / total)
                    for j in 0..<keys where w[j] != 0 {
                        RowKernels.addScaled(v + valueRow(b, j, h), w[j], into: out, valueDim)
                    }
                }
            }
        }
    }

    /// Given dL/dcontext `g` and the forward weights, adds dL/dq, dL/dk, dL/dv into `dq`, `dk`,
    /// `dv` (each nil when not wanted; the others must start at zero):
    /// dv[j] = Σᵢ w[i,j] g[i]; ds[i,j] = w[i,j] (g[i]·v[j] − Σⱼ' w[i,j'] g[i]·v[j']) · scale;
    /// dq[i] = Σⱼ ds[i,j] k[j]; dk[j] = Σᵢ ds[i,j] q[i].
    func backward(
        g: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>,
        dq: UnsafeMutablePointer<Float>?, dk: UnsafeMutablePointer<Float>?, dv: UnsafeMutablePointer<Float>?
    ) {
        ParallelLoop.run(units: batch &* heads, work: 2 &* work, minimumWork: Self.parallelWork) { units in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: Swift.max(keys, 1)) { buffer in
                let ds = buffer.baseAddress!
                for unit in units {
                    let b = unit / heads
                    let h = unit % heads
                    for i in 0..<queries {
                        let gi = g + contextRow(b, i, h)
                        let w = weights + weightRow(b, h, i)
                        var weighted: Float = 0
                        for j in 0..<keys {
                            let p = w[j]
                            if p == 0 {
                                ds[j] = 0
                                continue
                            }
                            if let dv { RowKernels.addScaled(gi, p, into: dv + valueRow(b, j, h), valueDim) }
                            let dp = RowKernels.dot(gi, v + valueRow(b, j, h), valueDim)
                            ds[j] = dp
                            weighted += p * dp
                        }
                        if dq == nil && dk == nil { continue }
                        let qi = q + queryRow(b, i, h)
                        let dqi = dq.map { $0 + queryRow(b, i, h) }
                        for j in 0..<keys {
                            let p = w[j]
                            if p == 0 { continue }
                            let s = p * (ds[j] - weighted) * scale
                            if let dqi { RowKernels.addScaled(k + keyRow(b, j, h), s, into: dqi, keyDim) }
                            if let dk { RowKernels.addScaled(qi, s, into: dk + keyRow(b, j, h), keyDim) }
                        }
                    }
                }
            }
        }
    }
}
