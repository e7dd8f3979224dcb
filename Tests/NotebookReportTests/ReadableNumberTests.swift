import NotebookOutput
import Testing

/// Numbers as people read them: one formatter for values, tables, metrics and tooltips.
@Suite struct ReadableNumberTests {
    static let cases: [(Double, String)] = [
        (0.5, "0.5"), (1.9073486328125e-06, "1.907e-06"), (0.1 + 0.2, "0.3"), (2.0 / 3, "0.6667"),
        (-0.0, "0"), (-0.00001, "-1e-05"), (3, "3"), (2_000_000, "2000000"), (123456.7, "123457"),
        (1234.5, "1235"), (0.00012345, "0.0001235"), (9.99996, "10"), (-42.125, "-42.13"), (1.5e20, "1.5e+20"),
        (Double.nan, "nan"), (Double.infinity, "inf"), (-Double.infinity, "-inf"), (0.001, "0.001"),
        (12.5, "12.5"), (99.99, "99.99"),
    ]

    @Test(arguments: cases)
    func compact(value: Double, expected: String) {
        #expect(ReadableNumber.format(value) == expected)
    }

    @Test func valuesKeepTheirFloatingPointLook() {
        #expect(ReadableNumber.format(3.0, style: .value) == "3.0")
        #expect(ReadableNumber.format(-0.0, style: .value) == "0.0")
        #expect(ReadableNumber.format(0.25, style: .value) == "0.25")
        #expect(ReadableNumber.format(Float(0.1), style: .value) == "0.1")
    }

    @Test func neverNegativeZero() {
        for value in [-1e-300, -0.0, -Double.leastNonzeroMagnitude] {
            #expect(!ReadableNumber.format(value).hasPrefix("-0"), "\(value)")
        }
    }
}
