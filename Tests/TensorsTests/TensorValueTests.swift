import Tensors
import Testing

/// Forward values of the core ops on small hand-checked examples.
@Suite struct TensorValueTests {
    let m = Tensor([[1, 2, 3], [4, 5, 6]])

    @Test func constructionAndAccess() {
        #expect(m.shape == [2, 3])
        #expect(m.rank == 2 && m.count == 6)
        #expect(m.element(at: [1, -1]) == 6)
        #expect(Tensor(2.5).shape == [])
        #expect(Tensor(2.5).item() == 2.5)
        #expect(Tensor.identity(2).scalars == [1, 0, 0, 1])
        #expect(Tensor.full([2], 7).scalars == [7, 7])
        #expect(Tensor.oneHot([2, -100, 0], classes: 3).scalars == [0, 0, 1, 0, 0, 0, 1, 0, 0])
        #expect(throws: TensorError.self) { try Tensor(validatingShape: [2, 2], scalars: [1, 2, 3]) }
    }

    @Test func valueSemantics() {
        var a = m
        let b = a.reshaped(to: [3, 2])
        a.setElement(100, at: [0, 0])
        #expect(m.element(at: [0, 0]) == 1)
        #expect(b.element(at: [0, 0]) == 1)
        #expect(a.element(at: [0, 0]) == 100)
        var c = a
        c.withUnsafeMutableBufferPointer { $0[1] = -1 }
        #expect(a.scalars[1] == 2 && c.scalars[1] == -1)
    }

    @Test func broadcastingArithmetic() {
        #expect((m + Tensor([10, 20, 30])).scalars == [11, 22, 33, 14, 25, 36])
        #expect((m * Tensor([[2], [3]])).scalars == [2, 4, 6, 12, 15, 18])
        #expect((Tensor([[1], [2]]) - Tensor([1, 2, 3])).shape == [2, 3])
        #expect((m / 2).scalars == [0.5, 1, 1.5, 2, 2.5, 3])
        #expect((1 - m).scalars == [0, -1, -2, -3, -4, -5])
        let x = Tensor.ones([2, 1, 3]) + Tensor.ones([4, 1])
        #expect(x.shape == [2, 4, 3] && x.scalars.allSatisfy { $0 == 2 })
    }

    @Test func reductionsAndArgmax() {
        #expect(m.sum().item() == 21)
        #expect(m.mean().item() == 3.5)
        #expect(m.sum(axis: 0).scalars == [5, 7, 9])
        #expect(m.sum(axis: 1, keepingDimension: true).shape == [2, 1])
        #expect(m.mean(axis: -1).scalars == [2, 5])
        #expect(m.variance(axis: 1).scalars == [Float(2) / 3, Float(2) / 3])
        let softplus = Tensor([-100, 0, 100]).softplus().scalars
        #expect(softplus[0] < 1e-40 && softplus[1] == Float(0.6931472) && softplus[2] == 100)
        #expect(m.max(axis: 0).scalars == [4, 5, 6])
        #expect(m.max().item() == 6)
        let t = Tensor([[0.1, 0.9, 0.3], [2, -1, 5]])
        #expect(t.argmax().scalars == [1, 2])
        #expect(t.argmaxIndices(axis: 0) == [1, 0, 1])
    }

    @Test func shapeOps() {
        #expect(m.transposed().scalars == [1, 4, 2, 5, 3, 6])
        let x = Tensor(shape: [2, 3, 4], scalars: (0..<24).map(Float.init))
        let p = x.permuted([2, 0, 1])
        #expect(p.shape == [4, 2, 3])
        #expect(p.element(at: [3, 1, 2]) == x.element(at: [1, 2, 3]))
        #expect(x.reshaped(to: [-1, 4]).shape == [6, 4])
        #expect(x.expandingShape(at: -1).shape == [2, 3, 4, 1])
        #expect(Tensor.zeros([1, 3, 1]).squeezingShape().shape == [3])
    }

    @Test func slicingAndJoining() {
        #expect(m[1].scalars == [4, 5, 6])
        #expect(m.slice(axis: 1, 1..<3).scalars == [2, 3, 5, 6])
        #expect(m.select(axis: 1, index: 0).scalars == [1, 4])
        let joined: [Float] = [1, 2, 3, 10, 20, 30, 4, 5, 6, 40, 50, 60]
        #expect(Tensor.concatenate([m, m * 10], axis: 1).scalars == joined)
        #expect(Tensor.concatenate([m, m], axis: 0).shape == [4, 3])
        let s = Tensor.stack([m, m + 1], axis: 1)
        #expect(s.shape == [2, 2, 3])
        let stacked: [Float] = [1, 2, 3, 2, 3, 4, 4, 5, 6, 5, 6, 7]
        #expect(s.scalars == stacked)
        #expect(m.chunked(into: 3).map(\.scalars) == [[1, 4], [2, 5], [3, 6]])
        #expect(s.unstacked(axis: 1)[1] == m + 1)
    }

    @Test func comparisonsAndMasks() {
        #expect((m .> 3).scalars == [0, 0, 0, 1, 1, 1])
        #expect((m .== Tensor([1, 5, 0])).scalars == [1, 0, 0, 0, 1, 0])
        #expect((m .<= 2).scalars == [1, 1, 0, 0, 0, 0])
        #expect(Tensor.where(m .> 2, m, Tensor(0)).scalars == [0, 0, 3, 4, 5, 6])
        #expect(m.maskedFill(where: Tensor([1, 0, 1]), with: -1).scalars == [-1, 2, -1, -1, 5, -1])
        #expect(Tensor.causalMask(3).scalars == [0, 1, 1, 0, 0, 1, 0, 0, 0])
        // masked positions get ~0 probability after a softmax
        let p = Tensor.zeros([3, 3]).maskedFill(where: Tensor.causalMask(3), with: -1e9).softmax()
        let third: Float = 1.0 / 3
        let expected: [Float] = [1, 0, 0, 0.5, 0.5, 0, third, third, third]
        #expect(p.scalars == expected)
    }

    @Test func matmulAgainstNaiveLoops() {
        let a = Check.random([2, 5, 7], seed: 21)
        let b = Check.random([2, 7, 3], seed: 22)
        let c = matmul(a, b)
        #expect(c.shape == [2, 5, 3])
        for batch in 0..<2 {
            for i in 0..<5 {
                for j in 0..<3 {
                    var s: Float = 0
                    for k in 0..<7 { s += a.element(at: [batch, i, k]) * b.element(at: [batch, k, j]) }
                    #expect(abs(c.element(at: [batch, i, j]) - s) < 1e-4)
                }
            }
        }
        let shared = matmul(a, b[0])
        Check.close(shared[1].scalars, matmul(a[1], b[0]).scalars)
        Check.close(matmul(a, a, transposeB: true).scalars, matmul(a, a.transposed()).scalars)
        Check.close(matmul(b, b, transposeA: true).scalars, matmul(b.transposed(), b).scalars)
        #expect(matmul(Tensor.zeros([2, 0]), Tensor.zeros([0, 3])) == Tensor.zeros([2, 3]))
    }

    @Test func embeddingAndScatter() {
        let table = Tensor([[0, 0], [1, 1], [2, 2]])
        let e = embedding(table, [2, 0, 2, 1], shape: [2, 2])
        #expect(e.shape == [2, 2, 2])
        #expect(e.scalars == [2, 2, 0, 0, 2, 2, 1, 1])
        let s = Tensor.zeros([3, 2]).scatterAddingRows(Tensor.ones([3, 2]), at: [2, 2, 0])
        #expect(s.scalars == [1, 1, 0, 0, 2, 2])
    }

    @Test func dropoutScalesAndIsDeterministic() {
        var g1 = RandomGenerator(seed: 5)
        var g2 = RandomGenerator(seed: 5)
        let x = Tensor.ones([1000])
        let d1 = dropout(x, rate: 0.25, using: &g1)
        let d2 = dropout(x, rate: 0.25, using: &g2)
        #expect(d1 == d2)
        #expect(Set(d1.scalars).isSubset(of: [0, Float(1) / 0.75]))
        let kept = d1.scalars.filter { $0 != 0 }.count
        #expect(kept > 700 && kept < 800)
        #expect(dropout(x, rate: 0.5, isTraining: false, using: &g1) == x)
    }
}
