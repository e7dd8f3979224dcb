import Testing

/// Tensors splits large products and elementwise kernels across its own helper threads. The cell
/// engine forks a snapshot after every cell and runs the next cell in a fork of it, where those
/// threads do not exist: the helpers must start afresh there (Dispatch, which Tensors used
/// before, is not fork-safe once its threads exist).
@Suite struct TensorThreadsAfterForkTests {
    @Test func parallelKernelsRunInTheCellAfterASnapshot() throws {
        let harness = try EngineHarness()
        // 300³ = 2.7·10⁷ multiply-adds and 10⁵ elements: split whenever there are two threads
        let first = harness.run(
            """
            let a = Tensor(shape: [300, 300], scalars: (0..<90_000).map { Float($0 % 7) / 7 })
            let before = matmul(a, a).sum().item() + Tensor(shape: [100_000], repeating: 0.5).tanh().sum().item()
            """)
        #expect(first.report.succeeded)
        let second = harness.run(
            """
            let after = matmul(a, a).sum().item() + Tensor(shape: [100_000], repeating: 0.5).tanh().sum().item()
            print(after == before, after > 0)
            """, timeout: .seconds(120))
        #expect(second.report.succeeded)
        #expect(second.stdout == "true true\n")
    }
}
