/// Fused multi-head scaled dot-product attention, forward and backward, one (batch, head) unit
/// at a time, straight from head-interleaved rows.
///
/// Row r of `q` holds every head's query side by side (`heads · keyDim` floats, head h at
/// offset h · keyDim): the layout a projection writes, so no head split or merge copy is made.
/// The per-head products are tiny in the lesson models (e.g. 12 × 12 × 16 multiply-adds), where
/// a BLAS call's setup and packing cost more than the arithmetic. Each unit copies its head's
/// keys (and, backward, values) once into a transposed block, `[dim][paddedKeys]`, so a query's
/// scores against all keys are `dim` vector multiply-adds over 8 keys at a time (no horizontal
/// sums), and the key and value gradients build up in such blocks the same way.
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

    /// `keys` rounded up to whole vectors (the padding lanes hold zeros).
    var paddedKeys: Int { (keys &+ 7) / 8 &* 8 }

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

    /// Head h's slice of row (b, j) of `rows` = packed[d · paddedKeys + j], for every key j
    /// (the inverse of `pack`; each (b, j, h) slice belongs to one unit, so it is stored).
    @inline(__always)
    func unpack(_ packed: UnsafePointer<Float>, dim: Int, b: Int, h: Int, into rows: UnsafeMutablePointer<Float>) {
        let kp = paddedKeys
        for j in 0..<keys {
            let row = rows + ((b &* keys &+ j) &* (heads &* dim) &+ h &* dim)
            for d in 0..<dim { row[d] = packed[d &* kp &+ j] }
        }
    }

    /// out[j] = Σ_d x[d] · packed[d · paddedKeys + j] for every (padded) key j.
    @inline(__always)
    func product(_ x: UnsafePointer<Float>, packed: UnsafePointer<Float>, dim: Int, into out: UnsafeMutablePointer<Float>) {
        let kp = paddedKeys
        var block = 0
        while block < kp {
            var acc = Lanes()
            for d in 0..<dim { acc += Lanes(repeating: x[d]) * Self.load(packed + (d &* kp &+ block)) }
            Self.store(acc, out + block)
            block &+= 8
        }
    }

    /// packed[d · paddedKeys + j] += x[d] · y[j] for every d and (padded) key j.
    @inline(__always)
    func addOuterProduct(
        _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, dim: Int, into packed: UnsafeMutablePointer<Float>
    ) {
        let kp = paddedKeys
        var block = 0
        while block < kp {
            let yv = Self.load(y + block)
            for d in 0..<dim {
                let p = packed + (d &* kp &+ block)
                Self.store(Self.load(p) + Lanes(repeating: x[d]) * yv, p)
            }
            block &+= 8
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
                        product(q + queryRow(b, i, h), packed: packedKeys, dim: keyDim, into: scores)
                        var maximum = -Float.infinity
                        let maskRow = mask.map { $0 + (b &* maskStrides.b &+ h &* maskStrides.h &+ i &* maskStrides.i) }
                        for j in 0..<keys {
                            if let maskRow, maskRow[j &* maskStrides.j] != 0 {
                                w[j] = -.infinity  // exp gives exactly 0
                                continue
                            }
                            let s = scores[j] * scale
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
            let scratch = (2 &* valueDim &+ keyDim &+ 3) &* kp
            withUnsafeTemporaryAllocation(of: Float.self, capacity: Swift.max(scratch, 1)) { buffer in
                let packedValues = buffer.baseAddress!  // [valueDim][kp]
                let valueGradients = packedValues + valueDim &* kp  // [valueDim][kp]
                let keyGradients = valueGradients + valueDim &* kp  // [keyDim][kp]
                let dp = keyGradients + keyDim &* kp  // g[i] · v[j]
                let wi = dp + kp  // the weights row, zero-padded
                let ds = wi + kp
                for unit in units {
                    let b = unit / heads
                    let h = unit % heads
                    pack(v, dim: valueDim, b: b, h: h, into: packedValues)
                    valueGradients.update(repeating: 0, count: valueDim &* kp)
                    keyGradients.update(repeating: 0, count: keyDim &* kp)
                    for i in 0..<queries {
                        let gi = g + contextRow(b, i, h)
                        wi.update(from: weights + weightRow(b, h, i), count: keys)
                        (wi + keys).update(repeating: 0, count: kp &- keys)
                        product(gi, packed: packedValues, dim: valueDim, into: dp)
                        let weighted = Lanes(repeating: RowKernels.dot(wi, dp, kp))
                        var block = 0
                        while block < kp {  // 0 wherever the weight is 0 (hidden and padding keys)
                            let d = Self.load(wi + block) * (Self.load(dp + block) - weighted) * scale
                            Self.store(d, ds + block)
                            block &+= 8
                        }
                        if dv != nil { addOuterProduct(gi, wi, dim: valueDim, into: valueGradients) }
                        let qi = q + queryRow(b, i, h)
                        if dk != nil { addOuterProduct(qi, ds, dim: keyDim, into: keyGradients) }
                        if let dq {
                            let dqi = dq + queryRow(b, i, h)
                            dqi.update(repeating: 0, count: keyDim)
                            for j in 0..<keys where ds[j] != 0 {
                                RowKernels.addScaled(k + keyRow(b, j, h), ds[j], into: dqi, keyDim)
                            }
                        }
                    }
                    if let dv { unpack(valueGradients, dim: valueDim, b: b, h: h, into: dv) }
                    if let dk { unpack(keyGradients, dim: keyDim, b: b, h: h, into: dk) }
                }
            }
        }
    }
}
