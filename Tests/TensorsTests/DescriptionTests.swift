import Tensors
import Testing

@Suite struct DescriptionTests {
    @Test func smallTensorsShowEveryValue() {
        #expect(Tensor(3).description == "Tensor []\n3")
        #expect(Tensor([1, 2.5, -0.125]).description == "Tensor [3]\n[1, 2.5, -0.125]")
        #expect(Tensor([[1, 2], [3, 4]]).description == "Tensor [2, 2]\n[[1, 2],\n [3, 4]]")
        #expect(Tensor.zeros([2, 1, 2]).description == "Tensor [2, 1, 2]\n[[[0, 0]],\n\n [[0, 0]]]")
    }

    @Test func bigAxesAreElided() {
        let d = Tensor.arange(100).description
        #expect(d == "Tensor [100]\n[0, 1, 2, …, 97, 98, 99]")
        let rows = Tensor.zeros([50, 50]).description.split(separator: "\n")
        #expect(rows.count == 8)  // header + 3 rows + "…" + 3 rows
        #expect(rows[4] == " …,")
    }

    @Test func nonIntegersUseFourSignificantDigits() {
        #expect(Tensor([Float(1) / 3, 12345.678, 1e-5]).description == "Tensor [3]\n[0.3333, 1.235e+04, 1e-05]")
        #expect(Tensor([Float.nan, -.infinity]).description == "Tensor [2]\n[nan, -inf]")
    }
}
