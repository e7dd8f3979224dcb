import Tensors
import Testing

@Test func zerosOnesAndArange() {
    #expect(Tensor.zeros([2, 3]).scalars == [Float](repeating: 0, count: 6))
    #expect(Tensor.ones([2]).shape == [2])
    #expect(Tensor.arange(5).scalars == [0, 1, 2, 3, 4])
    #expect(Tensor.arange(1, 2, step: 0.25).scalars == [1, 1.25, 1.5, 1.75])
}
