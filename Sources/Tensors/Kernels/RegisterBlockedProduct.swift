/// One product C[m×n] = A[m×k] · B[k×n] with a 4 × 16 block of C held in registers (eight
/// AVX2 accumulators) and fused multiply-adds: the per-head products of the fused attention
/// kernel (e.g. 12 × 12 × 16), where a BLAS call's setup and packing cost more than the
/// arithmetic, and the panels of `RegisterBlockedGEMM` (the narrow products of the models).
///
/// A is read through two strides, so a transposed operand needs no copy: A[i, p] =
/// `a[i · aRowStride + p · aColumnStride]`. B's rows are `n` contiguous floats `ldb` apart,
/// C's rows `ldc` apart; every element of C is written (no read, no zero-fill needed), or, with
/// `accumulate`, has the product added to it (C += A · B, one read per element at the end);
/// with `bias` (n floats), it is added to every row of C at the end (C = A · B + 1 · biasᵀ, a
/// linear layer's bias without a pass that fills C first; rounded as BLAS rounds a product
/// added to bias rows).
/// For each block of 4 rows and 16 (then 8, then 1) columns, every step p is one load of
/// B[p, block], four broadcasts of A[i…i+3, p] and the multiply-adds.
enum RegisterBlockedProduct {
    @inline(__always)
    static func run(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, aRowStride: Int, aColumnStride: Int,
        b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool = false, bias: UnsafePointer<Float>? = nil
    ) {
        var i = 0
        while i &+ 4 <= m {
            columns(
                rows: 4, n: n, k: k, a: a + i &* aRowStride, aRowStride: aRowStride, aColumnStride: aColumnStride,
                b: b, ldb: ldb, c: c + i &* ldc, ldc: ldc, accumulate: accumulate, bias: bias)
            i &+= 4
        }
        while i < m {
            columns(
                rows: 1, n: n, k: k, a: a + i &* aRowStride, aRowStride: aRowStride, aColumnStride: aColumnStride,
                b: b, ldb: ldb, c: c + i &* ldc, ldc: ldc, accumulate: accumulate, bias: bias)
            i &+= 1
        }
    }

    /// `rows` (4 or 1) rows of C, every column.
    @inline(__always)
    static func columns(
        rows: Int, n: Int, k: Int, a: UnsafePointer<Float>, aRowStride: Int, aColumnStride: Int,
        b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool,
        bias: UnsafePointer<Float>?
    ) {
        var j = 0
        while j &+ 16 <= n {
            block(
                SIMD16<Float>.self, rows: rows, k: k, a: a, aRowStride, aColumnStride, b: b + j, ldb, c: c + j, ldc,
                accumulate: accumulate, bias: bias.map { $0 + j })
            j &+= 16
        }
        if j &+ 8 <= n {
            block(
                SIMD8<Float>.self, rows: rows, k: k, a: a, aRowStride, aColumnStride, b: b + j, ldb, c: c + j, ldc,
                accumulate: accumulate, bias: bias.map { $0 + j })
            j &+= 8
        }
        while j < n {
            for r in 0..<rows {
                var total: Float = 0
                var pa = a + r &* aRowStride
                var pb = b + j
                for _ in 0..<k {
                    total.addProduct(pa.pointee, pb.pointee)
                    pa += aColumnStride
                    pb += ldb
                }
                if let bias { total += bias[j] }
                c[r &* ldc &+ j] = accumulate ? c[r &* ldc &+ j] + total : total
            }
            j &+= 1
        }
    }

    /// C[0..<rows, 0..<V.scalarCount] (+)= Σₚ A[0..<rows, p] · B[p, 0..<V.scalarCount], for 4 rows
    /// (``block4``) or 1 (``block1``).
    @inline(__always)
    static func block<V: SIMD>(
        _ vector: V.Type, rows: Int, k: Int, a: UnsafePointer<Float>, _ aRowStride: Int, _ aColumnStride: Int,
        b: UnsafePointer<Float>, _ ldb: Int, c: UnsafeMutablePointer<Float>, _ ldc: Int, accumulate: Bool,
        bias: UnsafePointer<Float>?
    ) where V.Scalar == Float {
        if rows == 4 {
            block4(
                vector, k: k, a: a, aRowStride, aColumnStride, b: b, ldb, c: c, ldc, accumulate: accumulate, bias: bias)
        } else {
            block1(vector, k: k, a: a, aColumnStride, b: b, ldb, c: c, accumulate: accumulate, bias: bias)
        }
    }

    /// C[0..<4, 0..<V.scalarCount] (+)= Σₚ A[0..<4, p] · B[p, 0..<V.scalarCount].
    @inline(__always)
    static func block4<V: SIMD>(
        _: V.Type, k: Int, a: UnsafePointer<Float>, _ aRowStride: Int, _ aColumnStride: Int,
        b: UnsafePointer<Float>, _ ldb: Int, c: UnsafeMutablePointer<Float>, _ ldc: Int, accumulate: Bool,
        bias: UnsafePointer<Float>?
    ) where V.Scalar == Float {
        var (c0, c1, c2, c3) = (V(), V(), V(), V())
        let (a0, a1, a2, a3) = (a, a + aRowStride, a + 2 &* aRowStride, a + 3 &* aRowStride)
        var p = 0
        var pb = b
        while p < k {
            let row = UnsafeRawPointer(pb).loadUnaligned(as: V.self)
            let offset = p &* aColumnStride
            c0.addProduct(a0[offset], row)
            c1.addProduct(a1[offset], row)
            c2.addProduct(a2[offset], row)
            c3.addProduct(a3[offset], row)
            pb += ldb
            p &+= 1
        }
        if let bias {
            let row = UnsafeRawPointer(bias).loadUnaligned(as: V.self)
            c0 += row
            c1 += row
            c2 += row
            c3 += row
        }
        if accumulate {
            c0 += UnsafeRawPointer(c).loadUnaligned(as: V.self)
            c1 += UnsafeRawPointer(c + ldc).loadUnaligned(as: V.self)
            c2 += UnsafeRawPointer(c + 2 &* ldc).loadUnaligned(as: V.self)
            c3 += UnsafeRawPointer(c + 3 &* ldc).loadUnaligned(as: V.self)
        }
        UnsafeMutableRawPointer(c).storeBytes(of: c0, as: V.self)
        UnsafeMutableRawPointer(c + ldc).storeBytes(of: c1, as: V.self)
        UnsafeMutableRawPointer(c + 2 &* ldc).storeBytes(of: c2, as: V.self)
        UnsafeMutableRawPointer(c + 3 &* ldc).storeBytes(of: c3, as: V.self)
    }

    /// C[0, 0..<V.scalarCount] (+)= Σₚ A[0, p] · B[p, 0..<V.scalarCount].
    @inline(__always)
    static func block1<V: SIMD>(
        _: V.Type, k: Int, a: UnsafePointer<Float>, _ aColumnStride: Int,
        b: UnsafePointer<Float>, _ ldb: Int, c: UnsafeMutablePointer<Float>, accumulate: Bool,
        bias: UnsafePointer<Float>?
    ) where V.Scalar == Float {
        var c0 = V()
        var p = 0
        var pb = b
        while p < k {
            c0.addProduct(a[p &* aColumnStride], UnsafeRawPointer(pb).loadUnaligned(as: V.self))
            pb += ldb
            p &+= 1
        }
        if let bias { c0 += UnsafeRawPointer(bias).loadUnaligned(as: V.self) }
        if accumulate { c0 += UnsafeRawPointer(c).loadUnaligned(as: V.self) }
        UnsafeMutableRawPointer(c).storeBytes(of: c0, as: V.self)
    }
}
