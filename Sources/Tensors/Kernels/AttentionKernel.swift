/// Fused multi-head scaled dot-product attention, forward and backward, one (batch, head) unit
/// at a time, straight from head-interleaved rows.
///
/// Row r of `q` holds every head's query side by side (`heads · keyDim` floats, head h at
/// offset h · keyDim): the layout a projection writes, so no head split or merge copy is made.
/// The per-head products are tiny in the lesson models (e.g. 12 × 12 × 16 multiply-adds), where
/// a BLAS call's setup and packing cost more than the arithmetic. Instead: a unit copies its
/// head's keys (backward: values) once, transposed and zero-padded to whole 16-lane vectors, and
/// each of the unit's products (scores, context, and the four of the backward pass) is one
/// `RegisterBlockedProduct` (4 rows × 16 columns in registers, fused multiply-adds) that reads
/// the interleaved rows, and transposed operands, through strides.
struct AttentionKernel {
    let batch: Int, heads: Int, queries: Int, keys: Int, keyDim: Int, valueDim: Int
    /// Multiplies every score (usually 1/√keyDim).
    let scale: Float
    /// Nonzero = hidden; indexed with `maskStrides` (b, h, i, j), 0 on broadcast axes.
    let mask: UnsafePointer<Float>?
    let maskStrides: (b: Int, h: Int, i: Int, j: Int)

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

    /// packed[d · paddedKeys + j] = head h's slice of row (b, j) of `rows` (`dim` wide), zero for
    /// j ≥ keys: the head's keys (or values) transposed.
    @inline(__always)
    func pack(_ rows: UnsafePointer<Float>, dim: Int, b: Int, h: Int, into packed: UnsafeMutablePointer<Float>) {
        let kp = paddedKeys
        for j in 0..<keys {
            let row = rows + ((b &* keys &+ j) &* (heads &* dim) &+ h &* dim)
            for d in 0..<dim { packed[d &* kp &+ j] = row[d] }
        }
        for d in 0..<dim {
            let row = packed + d &* kp
            for j in keys..<kp { row[j] = 0 }  // a loop: a memset call per row costs more here
        }
    }

    /// to[0..<count] = from[0..<count], then zeros up to `padded` (a loop: the rows are a few
    /// dozen floats, where a memmove or memset call costs more than the copy).
    @inline(__always)
    static func copyRow(
        _ from: UnsafePointer<Float>, count: Int, padded: Int, to: UnsafeMutablePointer<Float>
    ) {
        for j in 0..<count { to[j] = from[j] }
        for j in count..<padded { to[j] = 0 }
    }

    /// The largest lane, by compare-and-select (NaN lanes are passed over).
    @inline(__always)
    static func largestLane(_ v: SIMD16<Float>) -> Float {
        var half = v.lowHalf
        half.replace(with: v.highHalf, where: v.highHalf .> half)
        var quarter = half.lowHalf
        quarter.replace(with: half.highHalf, where: half.highHalf .> quarter)
        var m = quarter[0]
        for lane in 1..<4 where quarter[lane] > m { m = quarter[lane] }
        return m
    }

    /// The rows `markHidden` writes: one per query, or one for all when the mask has no query
    /// axis (a padding mask) or there is no mask.
    var hiddenRows: Int { mask != nil && maskStrides.i != 0 ? queries : 1 }

    /// hidden[i · paddedKeys + j] = 1 where query i of unit (b, h) may not see key j (the mask
    /// says so, or j ≥ keys: a padding lane), else 0, for i < `hiddenRows`.
    @inline(__always)
    func markHidden(b: Int, h: Int, into hidden: UnsafeMutablePointer<Float>) {
        let kp = paddedKeys
        guard let mask else {
            for j in 0..<kp { hidden[j] = j < keys ? 0 : 1 }
            return
        }
        for i in 0..<hiddenRows {
            let maskRow = mask + (b &* maskStrides.b &+ h &* maskStrides.h &+ i &* maskStrides.i)
            let row = hidden + i &* kp
            for j in 0..<keys { row[j] = maskRow[j &* maskStrides.j] != 0 ? 1 : 0 }
            for j in keys..<kp { row[j] = 1 }
        }
    }

    /// weights[b, h, i, :] = softmax over unmasked j of scale · q[b, i, h] · k[b, j, h] (a row
    /// with every key hidden is all zeros); context[b, i, h] = Σⱼ weights[b, h, i, j] · v[b, j, h].
    ///
    /// Per (batch, head) unit: the keys packed transposed, every score of the unit as one
    /// register-blocked product, a vectorised masked softmax per query row (hidden and padding
    /// lanes −inf, so exp gives exactly 0), the context as a second product.
    func forward(
        q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>,
        context: UnsafeMutablePointer<Float>, weights: UnsafeMutablePointer<Float>
    ) {
        ParallelLoop.run(units: batch &* heads, work: work, minimumWork: Self.parallelWork) { units in
            let kp = paddedKeys
            let scratch = (keyDim &+ queries &+ hiddenRows) &* kp
            withUnsafeTemporaryAllocation(of: Float.self, capacity: Swift.max(scratch, 1)) { buffer in
                let packedKeys = buffer.baseAddress!  // [keyDim][kp]
                let scores = packedKeys + keyDim &* kp  // [queries][kp], then the weights
                let hidden = scores + queries &* kp  // [hiddenRows][kp]
                let hiddenStride = hiddenRows == 1 ? 0 : kp
                // marked again only when the unit reads a different part of the mask
                var marked = (b: -1, h: -1)
                let shift = SIMD16<Float>(repeating: scale)
                for unit in units {
                    let b = unit / heads
                    let h = unit % heads
                    if marked.b < 0 || (maskStrides.b != 0 && b != marked.b) || (maskStrides.h != 0 && h != marked.h) {
                        markHidden(b: b, h: h, into: hidden)
                        marked = (b, h)
                    }
                    pack(k, dim: keyDim, b: b, h: h, into: packedKeys)
                    RegisterBlockedProduct.run(
                        m: queries, n: kp, k: keyDim, a: q + queryRow(b, 0, h), aRowStride: heads &* keyDim,
                        aColumnStride: 1, b: packedKeys, ldb: kp, c: scores, ldc: kp)
                    for i in 0..<queries {
                        let row = scores + i &* kp
                        let hiddenRow = hidden + i &* hiddenStride
                        var largest = SIMD16<Float>(repeating: -.infinity)
                        var block = 0
                        while block < kp {
                            var s = RowKernels.load(row + block) * shift
                            s.replace(with: -.infinity, where: RowKernels.load(hiddenRow + block) .!= 0)
                            RowKernels.store(s, row + block)
                            largest = RowKernels.larger(largest, s)
                            block &+= 16
                        }
                        var maximum = Self.largestLane(largest)
                        if maximum == -.infinity {
                            // every key hidden (unless a visible score is NaN: then NaN weights, as softmax gives)
                            if !(0..<keys).contains(where: { row[$0].isNaN }) {
                                row.update(repeating: 0, count: kp)
                                (weights + weightRow(b, h, i)).update(repeating: 0, count: keys)
                                continue
                            }
                            maximum = 0
                        }
                        let top = SIMD16(repeating: maximum)
                        var sums = SIMD16<Float>()
                        block = 0
                        while block < kp {
                            let e = VectorMath.exp(RowKernels.load(row + block) - top)
                            RowKernels.store(e, row + block)
                            sums += e
                            block &+= 16
                        }
                        let inverse = SIMD16(repeating: 1 / RowKernels.total(sums))
                        block = 0
                        while block < kp {
                            RowKernels.store(RowKernels.load(row + block) * inverse, row + block)
                            block &+= 16
                        }
                        Self.copyRow(row, count: keys, padded: keys, to: weights + weightRow(b, h, i))
                    }
                    RegisterBlockedProduct.run(
                        m: queries, n: valueDim, k: keys, a: scores, aRowStride: kp, aColumnStride: 1,
                        b: v + valueRow(b, 0, h), ldb: heads &* valueDim, c: context + contextRow(b, 0, h),
                        ldc: heads &* valueDim)
                }
            }
        }
    }

    /// Given dL/dcontext `g` and the forward weights, writes dL/dq, dL/dk, dL/dv into `dq`, `dk`,
    /// `dv` (each nil when not wanted; every element of the others is written):
    /// dv[j] = Σᵢ w[i,j] g[i]; ds[i,j] = w[i,j] (g[i]·v[j] − Σⱼ' w[i,j'] g[i]·v[j']) · scale;
    /// dq[i] = Σⱼ ds[i,j] k[j]; dk[j] = Σᵢ ds[i,j] q[i].
    ///
    /// Per (batch, head) unit: dP = G·Vᵀ as one product (values packed transposed), ds row by
    /// row in vectors, then dq = ds·K, dk = dsᵀ·Q and dv = wᵀ·G as products that read ds and the
    /// (zero-padded) weights through strides, with no transposed copy.
    func backward(
        g: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>,
        dq: UnsafeMutablePointer<Float>?, dk: UnsafeMutablePointer<Float>?, dv: UnsafeMutablePointer<Float>?
    ) {
        ParallelLoop.run(units: batch &* heads, work: 2 &* work, minimumWork: Self.parallelWork) { units in
            let kp = paddedKeys
            let scratch = (valueDim &+ 2 &* queries) &* kp
            withUnsafeTemporaryAllocation(of: Float.self, capacity: Swift.max(scratch, 1)) { buffer in
                let packedValues = buffer.baseAddress!  // [valueDim][kp]
                let w = packedValues + valueDim &* kp  // [queries][kp]: the weights, zero-padded
                let ds = w + queries &* kp  // [queries][kp]: g[i] · v[j], then ds
                let factor = SIMD16<Float>(repeating: scale)
                for unit in units {
                    let b = unit / heads
                    let h = unit % heads
                    for i in 0..<queries {
                        let row = w + i &* kp
                        Self.copyRow(weights + weightRow(b, h, i), count: keys, padded: kp, to: row)
                    }
                    if dq != nil || dk != nil {
                        pack(v, dim: valueDim, b: b, h: h, into: packedValues)
                        RegisterBlockedProduct.run(
                            m: queries, n: kp, k: valueDim, a: g + contextRow(b, 0, h),
                            aRowStride: heads &* valueDim, aColumnStride: 1, b: packedValues, ldb: kp, c: ds, ldc: kp)
                        for i in 0..<queries {
                            let wi = w + i &* kp
                            let dsi = ds + i &* kp
                            var acc = SIMD16<Float>()
                            var block = 0
                            while block < kp {
                                acc.addProduct(RowKernels.load(wi + block), RowKernels.load(dsi + block))
                                block &+= 16
                            }
                            let weighted = SIMD16(repeating: RowKernels.total(acc))
                            block = 0
                            while block < kp {
                                let dp = RowKernels.load(dsi + block)
                                RowKernels.store(RowKernels.load(wi + block) * (dp - weighted) * factor, dsi + block)
                                block &+= 16
                            }
                        }
                    }
                    if let dq {
                        RegisterBlockedProduct.run(
                            m: queries, n: keyDim, k: keys, a: ds, aRowStride: kp, aColumnStride: 1,
                            b: k + keyRow(b, 0, h), ldb: heads &* keyDim, c: dq + queryRow(b, 0, h),
                            ldc: heads &* keyDim)
                    }
                    if let dk {
                        RegisterBlockedProduct.run(
                            m: keys, n: keyDim, k: queries, a: ds, aRowStride: 1, aColumnStride: kp,
                            b: q + queryRow(b, 0, h), ldb: heads &* keyDim, c: dk + keyRow(b, 0, h),
                            ldc: heads &* keyDim)
                    }
                    if let dv {
                        RegisterBlockedProduct.run(
                            m: keys, n: valueDim, k: queries, a: w, aRowStride: 1, aColumnStride: kp,
                            b: g + contextRow(b, 0, h), ldb: heads &* valueDim, c: dv + valueRow(b, 0, h),
                            ldc: heads &* valueDim)
                    }
                }
            }
        }
    }
}
