/// The row loops of layer normalisation over `rows` rows of `d` floats, in 16-lane vectors (a
/// scalar tail when d is not a multiple of 16), split across threads by rows.
///
/// Forward, per row: μ, σ² (two passes over the row while it is in L1), s = 1/√(σ² + ε),
/// x̂ = (x − μ) · s, y = x̂ ⊙ weight + bias. Backward, per row with ĝ = g ⊙ weight:
/// dx = (ĝ − mean(ĝ) − x̂ · mean(ĝ ⊙ x̂)) · s, and the row's g ⊙ x̂ and g added to its block's
/// partial sums; blocks of `blockRows` rows are summed in block order at the end, so dweight and
/// dbias do not depend on the thread count.
enum LayerNormKernel {
    typealias V = SIMD16<Float>

    /// Rows per partial sum of the weight and bias gradients (the unit of the thread split).
    static let blockRows = 64

    /// Writes y, x̂ (`normalized`) and s (`inverseStd`, one per row).
    static func forward(
        x: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, rows: Int, d: Int,
        epsilon: Float, y: UnsafeMutablePointer<Float>, normalized: UnsafeMutablePointer<Float>,
        inverseStd: UnsafeMutablePointer<Float>
    ) {
        let invD = 1 / Float(d)
        let whole = d / 16 &* 16
        ParallelLoop.run(units: rows, work: rows &* d, minimumWork: ParallelLoop.elementwiseWork) { range in
            for r in range {
                let xr = x + r &* d
                let mean = RowKernels.sum(xr, d) * invD
                let m = V(repeating: mean)
                var squares = V()
                var j = 0
                while j < whole {
                    let c = RowKernels.load(xr + j) - m
                    squares.addProduct(c, c)
                    j &+= 16
                }
                var variance = RowKernels.total(squares)
                for t in whole..<d { variance += (xr[t] - mean) * (xr[t] - mean) }
                let s = 1 / (variance * invD + epsilon).squareRoot()
                inverseStd[r] = s
                let scale = V(repeating: s)
                let (nr, yr) = (normalized + r &* d, y + r &* d)
                j = 0
                while j < whole {
                    let n = (RowKernels.load(xr + j) - m) * scale
                    RowKernels.store(n, nr + j)
                    RowKernels.store(n * RowKernels.load(weight + j) + RowKernels.load(bias + j), yr + j)
                    j &+= 16
                }
                for t in whole..<d {
                    let n = (xr[t] - mean) * s
                    nr[t] = n
                    yr[t] = n * weight[t] + bias[t]
                }
            }
        }
    }

    /// Writes dx (when `dx` is given) and the weight and bias gradients (when `dWeight` and
    /// `dBias` are given; both or neither), every element of each.
    static func backward(
        g: UnsafePointer<Float>, normalized: UnsafePointer<Float>, inverseStd: UnsafePointer<Float>,
        weight: UnsafePointer<Float>, rows: Int, d: Int, dx: UnsafeMutablePointer<Float>?,
        dWeight: UnsafeMutablePointer<Float>?, dBias: UnsafeMutablePointer<Float>?
    ) {
        let invD = 1 / Float(d)
        let whole = d / 16 &* 16
        let blocks = (rows &+ blockRows &- 1) / blockRows
        let sums = dWeight != nil && dBias != nil
        withUnsafeTemporaryAllocation(of: Float.self, capacity: sums ? Swift.max(blocks &* 2 &* d, 1) : 1) { buffer in
            let partials = buffer.baseAddress!  // per block: Σ g ⊙ x̂ [d], then Σ g [d]
            ParallelLoop.run(units: blocks, work: rows &* d, minimumWork: ParallelLoop.elementwiseWork) { range in
                for block in range {
                    let pw = partials + block &* 2 &* d
                    let pb = pw + d
                    if sums {
                        pw.initialize(repeating: 0, count: 2 &* d)
                    }
                    for r in (block &* blockRows)..<Swift.min(rows, (block &+ 1) &* blockRows) {
                        let (gr, nr) = (g + r &* d, normalized + r &* d)
                        var (sumG, sumGX) = (V(), V())
                        var j = 0
                        while j < whole {
                            let (gv, nv) = (RowKernels.load(gr + j), RowKernels.load(nr + j))
                            let scaled = gv * RowKernels.load(weight + j)
                            sumG += scaled
                            sumGX.addProduct(scaled, nv)
                            if sums {
                                RowKernels.store(RowKernels.load(pw + j) + gv * nv, pw + j)
                                RowKernels.store(RowKernels.load(pb + j) + gv, pb + j)
                            }
                            j &+= 16
                        }
                        var (meanG, meanGX) = (RowKernels.total(sumG), RowKernels.total(sumGX))
                        for t in whole..<d {
                            let scaled = gr[t] * weight[t]
                            meanG += scaled
                            meanGX += scaled * nr[t]
                            if sums {
                                pw[t] += gr[t] * nr[t]
                                pb[t] += gr[t]
                            }
                        }
                        meanG *= invD
                        meanGX *= invD
                        guard let dx else { continue }
                        let s = inverseStd[r]
                        let out = dx + r &* d
                        let (mg, mgx, sv) = (V(repeating: meanG), V(repeating: meanGX), V(repeating: s))
                        j = 0
                        while j < whole {
                            let scaled = RowKernels.load(gr + j) * RowKernels.load(weight + j)
                            RowKernels.store((scaled - mg - RowKernels.load(nr + j) * mgx) * sv, out + j)
                            j &+= 16
                        }
                        for t in whole..<d { out[t] = (gr[t] * weight[t] - meanG - nr[t] * meanGX) * s }
                    }
                }
            }
            guard sums, let dWeight, let dBias else { return }
            if blocks == 0 {
                dWeight.initialize(repeating: 0, count: d)
                dBias.initialize(repeating: 0, count: d)
                return
            }
            dWeight.update(from: partials, count: d)
            dBias.update(from: partials + d, count: d)
            for block in 1..<blocks {
                let pw = partials + block &* 2 &* d
                RowKernels.addScaled(pw, 1, into: dWeight, d)
                RowKernels.addScaled(pw + d, 1, into: dBias, d)
            }
        }
    }
}
