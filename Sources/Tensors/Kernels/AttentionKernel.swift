/// Fused multi-head scaled dot-product attention, forward and backward, one (batch, head) unit
/// at a time, straight from head-interleaved rows.
///
/// Row r of `q` holds every head's query side by side (`heads · keyDim` floats, head h at
/// offset h · keyDim): the layout a projection writes, so no head split or merge copy is made.
/// The per-head products are tiny in the lesson models (e.g. 12 × 12 × 16 multiply-adds), where
/// a BLAS call's setup and packing cost more than the arithmetic. Instead: a unit copies its
/// head's keys (backward: values) once, transposed, so a query's scores against every key are
/// `dim` vector multiply-adds over 8 keys at a time; and each output row (a context, or a
/// query's, key's or value's gradient) is a weighted sum of rows built 16 columns at a time in
/// registers (`combine`), written once: no horizontal sums, no zero-fill, no read-modify-write.
struct AttentionKernel {
    let batch: Int, heads: Int, queries: Int, keys: Int, keyDim: Int, valueDim: Int
    /// Multiplies every score (usually 1/√keyDim).
    let scale: Float
    /// Nonzero = hidden; indexed with `maskStrides` (b, h, i, j), 0 on broadcast axes.
    let mask: UnsafePointer<Float>?
    let maskStrides: (b: Int, h: Int, i: Int, j: Int)

    /// Eight keys per vector.
    typealias Lanes = SIMD8<Float>

    /// Multiply-adds of the forward pass (the backward pass is about twice this).
    var work: Int { batch &* heads &* queries &* keys &* (keyDim &+ valueDim) }

    /// `keys` rounded up to whole 16-lane vectors (the padding lanes hold zeros, or −inf scores).
    var paddedKeys: Int { (keys &+ 15) / 16 &* 16 }

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

    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> Lanes {
        UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
    }
    @inline(__always) static func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Lanes.self)
    }

    /// packed[d · paddedKeys + j] = head h's slice of row (b, j) of `rows` (`dim` wide), zero for
    /// j ≥ keys: the head's keys (or values) transposed.
    @inline(__always)
    func pack(_ rows: UnsafePointer<Float>, dim: Int, b: Int, h: Int, into packed: UnsafeMutablePointer<Float>) {
        let kp = paddedKeys
        for j in 0..<keys {
            let row = rows + ((b &* keys &+ j) &* (heads &* dim) &+ h &* dim)
            for d in 0..<dim { packed[d &* kp &+ j] = row[d] }
        }
        if kp > keys {
            for d in 0..<dim { (packed + (d &* kp &+ keys)).update(repeating: 0, count: kp &- keys) }
        }
    }

    /// out[j] = Σ_d x[d] · packed[d · paddedKeys + j] for every (padded) key j.
    @inline(__always)
    func product(
        _ x: UnsafePointer<Float>, packed: UnsafePointer<Float>, dim: Int, into out: UnsafeMutablePointer<Float>
    ) {
        let kp = paddedKeys
        var block = 0
        while block < kp {
            var acc = Lanes()
            for d in 0..<dim { acc += Lanes(repeating: x[d]) * Self.load(packed + (d &* kp &+ block)) }
            Self.store(acc, out + block)
            block &+= 8
        }
    }

    /// out[0..<dim] = Σ_s coefficient(s) · row(s)[0..<dim] over s in 0..<count (zero
    /// coefficients skipped, as hidden keys are), 16 (then 8) columns at a time in registers.
    @inline(__always)
    static func combine(
        count: Int, dim: Int, into out: UnsafeMutablePointer<Float>,
        coefficient: (Int) -> Float, row: (Int) -> UnsafePointer<Float>
    ) {
        var c = 0
        while c &+ 16 <= dim {
            var acc = SIMD16<Float>()
            for s in 0..<count {
                let a = coefficient(s)
                if a != 0 { acc += SIMD16(repeating: a) * RowKernels.load(row(s) + c) }
            }
            RowKernels.store(acc, out + c)
            c &+= 16
        }
        if c &+ 8 <= dim {
            var acc = Lanes()
            for s in 0..<count {
                let a = coefficient(s)
                if a != 0 { acc += Lanes(repeating: a) * load(row(s) + c) }
            }
            store(acc, out + c)
            c &+= 8
        }
        while c < dim {
            var total: Float = 0
            for s in 0..<count {
                let a = coefficient(s)
                if a != 0 { total += a * row(s)[c] }
            }
            out[c] = total
            c &+= 1
        }
    }

    /// weights[b, h, i, :] = softmax over unmasked j of scale · q[b, i, h] · k[b, j, h] (a row
    /// with every key hidden is all zeros); context[b, i, h] = Σⱼ weights[b, h, i, j] · v[b, j, h].
    func forward(
        q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>,
        context: UnsafeMutablePointer<Float>, weights: UnsafeMutablePointer<Float>
    ) {
        ParallelLoop.run(units: batch &* heads, work: work, minimumWork: Self.parallelWork) { units in
            let kp = paddedKeys
            withUnsafeTemporaryAllocation(of: Float.self, capacity: Swift.max((keyDim &+ 1) &* kp, 1)) { buffer in
                let packedKeys = buffer.baseAddress!
                let scores = packedKeys + keyDim &* kp
                for unit in units {
                    let b = unit / heads
                    let h = unit % heads
                    pack(k, dim: keyDim, b: b, h: h, into: packedKeys)
                    for i in 0..<queries {
                        let w = weights + weightRow(b, h, i)
                        let out = context + contextRow(b, i, h)
                        product(q + queryRow(b, i, h), packed: packedKeys, dim: keyDim, into: scores)
                        var maximum = -Float.infinity
                        let maskRow = mask.map { $0 + (b &* maskStrides.b &+ h &* maskStrides.h &+ i &* maskStrides.i) }
                        for j in 0..<keys {
                            if let maskRow, maskRow[j &* maskStrides.j] != 0 {
                                scores[j] = -.infinity  // exp gives exactly 0
                                continue
                            }
                            let s = scores[j] * scale
                            scores[j] = s
                            if s > maximum || s.isNaN { maximum = s }
                        }
                        if maximum == -.infinity {  // every key hidden
                            w.update(repeating: 0, count: keys)
                            out.update(repeating: 0, count: valueDim)
                            continue
                        }
                        for j in keys..<kp { scores[j] = -.infinity }
                        let shift = SIMD16(repeating: maximum)
                        var sums = SIMD16<Float>()
                        var block = 0
                        while block < kp {
                            let e = VectorMath.exp(RowKernels.load(scores + block) - shift)
                            RowKernels.store(e, scores + block)
                            sums += e
                            block &+= 16
                        }
                        let inverse = 1 / RowKernels.total(sums)
                        for j in 0..<keys { w[j] = scores[j] * inverse }
                        Self.combine(
                            count: keys, dim: valueDim, into: out, coefficient: { w[$0] },
                            row: { v + valueRow(b, $0, h) })
                    }
                }
            }
        }
    }

    /// Given dL/dcontext `g` and the forward weights, writes dL/dq, dL/dk, dL/dv into `dq`, `dk`,
    /// `dv` (each nil when not wanted; every element of the others is written):
    /// dv[j] = Σᵢ w[i,j] g[i]; ds[i,j] = w[i,j] (g[i]·v[j] − Σⱼ' w[i,j'] g[i]·v[j']) · scale;
    /// dq[i] = Σⱼ ds[i,j] k[j]; dk[j] = Σᵢ ds[i,j] q[i].
    func backward(
        g: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>,
        dq: UnsafeMutablePointer<Float>?, dk: UnsafeMutablePointer<Float>?, dv: UnsafeMutablePointer<Float>?
    ) {
        ParallelLoop.run(units: batch &* heads, work: 2 &* work, minimumWork: Self.parallelWork) { units in
            let kp = paddedKeys
            let scratch = (valueDim &+ 1 &+ queries) &* kp
            withUnsafeTemporaryAllocation(of: Float.self, capacity: Swift.max(scratch, 1)) { buffer in
                let packedValues = buffer.baseAddress!  // [valueDim][kp]
                let dp = packedValues + valueDim &* kp  // g[i] · v[j]
                let ds = dp + kp  // [queries][kp]
                for unit in units {
                    let b = unit / heads
                    let h = unit % heads
                    pack(v, dim: valueDim, b: b, h: h, into: packedValues)
                    for i in 0..<queries {
                        let w = weights + weightRow(b, h, i)
                        let dsi = ds + i &* kp
                        product(g + contextRow(b, i, h), packed: packedValues, dim: valueDim, into: dp)
                        let weighted = RowKernels.dot(w, dp, keys)
                        for j in 0..<keys { dsi[j] = w[j] * (dp[j] - weighted) * scale }  // 0 where hidden
                        if let dq {
                            Self.combine(
                                count: keys, dim: keyDim, into: dq + queryRow(b, i, h), coefficient: { dsi[$0] },
                                row: { k + keyRow(b, $0, h) })
                        }
                    }
                    for j in 0..<keys {
                        if let dv {
                            Self.combine(
                                count: queries, dim: valueDim, into: dv + valueRow(b, j, h),
                                coefficient: { weights[weightRow(b, h, $0) &+ j] }, row: { g + contextRow(b, $0, h) })
                        }
                        if let dk {
                            Self.combine(
                                count: queries, dim: keyDim, into: dk + keyRow(b, j, h),
                                coefficient: { ds[$0 &* kp &+ j] }, row: { q + queryRow(b, $0, h) })
                        }
                    }
                }
            }
        }
    }
}
