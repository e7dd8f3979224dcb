import COpenBLAS
import Foundation
import Tensors

/// `bench tensors`: matmul throughput, per-op overhead with gradients, fused softmax and
/// cross-entropy, and a small MLP training step. Compare with tools/bench/tensors_torch.py.
///
/// OpenBLAS reads OPENBLAS_CORETYPE when it loads, so the benchmark re-executes itself with the
/// recommended value first, replacing a different preset one (pass `--portable` to keep the
/// environment as it is). Any other
/// argument is a filter: only lines whose name contains it run (`bench tensors softmax`).
enum TensorsBenchmark {
    nonisolated(unsafe) static var filters: [String] = []

    static func run() {
        let arguments = CommandLine.arguments.dropFirst(2)
        if !arguments.contains("--portable") { BLASEnvironment.reexecWithRecommendedEnvironment() }
        filters = arguments.filter { !$0.hasPrefix("--") }
        print(
            "Tensors benchmark — OpenBLAS core \(BLASEnvironment.coreName), \(BLASEnvironment.threadCount) BLAS threads"
        )
        print("OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "(unset)")")
        var rng = RandomGenerator(seed: 0)
        matrixProducts(using: &rng)
        gradientOverheads(using: &rng)
        softmaxAndCrossEntropy(using: &rng)
        trainingStep(using: &rng)
    }

    /// Square products against raw `cblas_sgemm` (the ceiling), and one batched product.
    private static func matrixProducts(using rng: inout RandomGenerator) {
        for n in [64, 128, 256, 512] {
            let a = Tensor.randomNormal([n, n], using: &rng)
            let b = Tensor.randomNormal([n, n], using: &rng)
            let flops = 2 * Double(n * n * n)
            // raw cblas_sgemm into a preallocated result, same thread policy: the ceiling
            var c = Tensor.zeros([n, n])
            let (pa, pb) = (a.scalars, b.scalars)
            report(
                "raw cblas_sgemm \(n)x\(n)x\(n)",
                {
                    gflops(
                        flops,
                        BenchmarkTimer.secondsPerCall {
                            openblas_set_num_threads(n * n * n >= 1 << 22 ? Int32(BLASEnvironment.threadCount) : 1)
                            c.withUnsafeMutableBufferPointer { pc in
                                cblas_sgemm(
                                    CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n),
                                    1, pa, Int32(n), pb, Int32(n), 0, pc.baseAddress, Int32(n))
                            }
                        })
                })
            report("matmul \(n)x\(n)x\(n)", { gflops(flops, BenchmarkTimer.secondsPerCall { _ = matmul(a, b) }) })
        }
        let qa = Tensor.randomNormal([64, 20, 64], using: &rng)
        let qb = Tensor.randomNormal([64, 64, 20], using: &rng)
        report(
            "batched matmul 64x[20x64]·[64x20]",
            {
                gflops(2 * 64 * 20 * 64 * 20, BenchmarkTimer.secondsPerCall { _ = matmul(qa, qb) })
            })
    }

    /// The per-op cost of small ops with and without the tape.
    private static func gradientOverheads(using rng: inout RandomGenerator) {
        let x = Parameter(Tensor.randomNormal([64, 64], using: &rng))
        let y = Parameter(Tensor.randomNormal([64, 64], using: &rng))
        let xv = x.value.detached
        let yv = y.value.detached
        report("add 64x64 forward", { micro(BenchmarkTimer.secondsPerCall { _ = xv + yv }) })
        report(
            "add 64x64 forward+backward",
            {
                micro(
                    BenchmarkTimer.secondsPerCall {
                        backpropagate { (x.value + y.value).sum() }
                    })
            })
        report(
            "tanh 64x64 forward+backward",
            {
                micro(
                    BenchmarkTimer.secondsPerCall {
                        backpropagate { x.value.tanh().sum() }
                    })
            })
        report(
            "matmul 64x64 forward+backward",
            {
                micro(
                    BenchmarkTimer.secondsPerCall {
                        backpropagate { matmul(x.value, y.value).sum() }
                    })
            })
    }

    /// The fused softmax and cross-entropy kernels on attention-sized scores.
    private static func softmaxAndCrossEntropy(using rng: inout RandomGenerator) {
        let scores = Parameter(Tensor.randomNormal([64, 12, 32], using: &rng))
        let weights = Tensor.randomNormal([64, 12, 32], using: &rng)
        let labels = (0..<(64 * 12)).map { _ in Int.random(in: 0..<32, using: &rng) }
        let sv = scores.value.detached
        report("softmax [64,12,32] forward", { micro(BenchmarkTimer.secondsPerCall { _ = sv.softmax() }) })
        report(
            "softmax [64,12,32] forward+backward",
            {
                micro(
                    BenchmarkTimer.secondsPerCall {
                        backpropagate { (scores.value.softmax() * weights).sum() }
                    })
            })
        report(
            "cross-entropy [64,12,32] forward+backward",
            {
                micro(
                    BenchmarkTimer.secondsPerCall {
                        backpropagate { crossEntropy(logits: scores.value, labels: labels) }
                    })
            })
    }

    /// A whole training step of a small MLP: forward, backward and an SGD update.
    private static func trainingStep(using rng: inout RandomGenerator) {
        let mlp = MLP(using: &rng)
        let input = Tensor.randomNormal([64, 64], using: &rng)
        let targets = (0..<64).map { _ in Int.random(in: 0..<64, using: &rng) }
        let sgd = SGD(learningRate: 0.01)
        report(
            "MLP step 64→256→64, batch 64 (fwd+bwd+SGD)",
            {
                micro(
                    BenchmarkTimer.secondsPerCall {
                        backpropagate { crossEntropy(logits: mlp(input), labels: targets) }
                        sgd.step(mlp)
                        mlp.zeroGradients()
                    })
            })
    }

    static func micro(_ seconds: Double) -> String { String(format: "%.2f µs", seconds * 1e6) }

    static func gflops(_ flops: Double, _ seconds: Double) -> String {
        String(format: "%.1f GFLOP/s", flops / seconds / 1e9)
    }

    /// Measures and prints one line unless a filter excludes it.
    static func report(_ name: String, _ measure: () -> String) {
        guard filters.isEmpty || filters.contains(where: { name.contains($0) }) else { return }
        print(name.padding(toLength: 48, withPad: " ", startingAt: 0) + measure())
    }

    /// The benchmark model: relu(x·W1 + b1)·W2 + b2 with 64 → 256 → 64.
    struct MLP: Module {
        let w1, b1, w2, b2: Parameter
        init(using rng: inout RandomGenerator) {
            w1 = Parameter(Tensor.kaimingUniform([64, 256], using: &rng))
            b1 = Parameter(Tensor.zeros([256]))
            w2 = Parameter(Tensor.glorotUniform([256, 64], using: &rng))
            b2 = Parameter(Tensor.zeros([64]))
        }
        var namedParameters: [NamedParameter] {
            [.init("w1", w1), .init("b1", b1), .init("w2", w2), .init("b2", b2)]
        }
        func callAsFunction(_ x: Tensor) -> Tensor {
            matmul((matmul(x, w1.value) + b1.value).relu(), w2.value) + b2.value
        }
    }
}
