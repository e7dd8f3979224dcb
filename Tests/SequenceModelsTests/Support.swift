import Foundation
import GradientChecking
import SequenceModels
import Tensors
import Testing

/// The PyTorch reference values written by tools/reference/models_reference.py.
enum Reference {
    nonisolated(unsafe) static let cases: [String: Any] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/models_reference.json")
        guard let data = try? Data(contentsOf: url),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let cases = root["cases"] as? [String: Any]
        else { return [:] }
        return cases
    }()

    /// One case's dictionary (empty when missing, which makes the tests that read it fail).
    static func named(_ name: String) -> [String: Any] {
        let c = cases[name] as? [String: Any]
        #expect(c != nil, "reference case \(name) is missing; run tools/reference/models_reference.py")
        return c ?? [:]
    }

    static func tensor(_ value: Any?) -> Tensor {
        guard let dict = value as? [String: Any], let shape = dict["shape"] as? [Int],
            let data = dict["data"] as? [Double]
        else { return Tensor.zeros([0]) }
        return Tensor(shape: shape, scalars: data.map(Float.init))
    }

    static func tensor(_ c: [String: Any], _ group: String, _ name: String) -> Tensor {
        let t = tensor((c[group] as? [String: Any])?[name])
        #expect(t.count > 0, "reference value \(group).\(name) is missing")
        return t
    }

    /// Copies the case's `params` into `module` by name; every fixture parameter must exist in
    /// the module and every module parameter must be set (so the names really match PyTorch's).
    static func load(_ c: [String: Any], into module: some Module, group: String = "params") {
        let params = c[group] as? [String: Any] ?? [:]
        let named = Dictionary(uniqueKeysWithValues: module.namedParameters.map { ($0.name, $0.parameter) })
        for (name, value) in params {
            let t = tensor(value)
            guard let p = named[name] else {
                Issue.record("module has no parameter \(name); it has \(named.keys.sorted())")
                continue
            }
            #expect(p.shape == t.shape, "\(name): shape \(p.shape) vs reference \(t.shape)")
            if p.shape == t.shape { p.value = t }
        }
        #expect(
            Set(named.keys) == Set(params.keys),
            "parameter names differ: \(Set(named.keys).symmetricDifference(params.keys))")
    }
}

/// Expects equal shapes and every element within `tolerance` (absolute + relative).
func expectClose(
    _ a: Tensor, _ b: Tensor, tolerance: Float = 1e-4, _ what: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(a.shape == b.shape, "\(what): shape \(a.shape) vs \(b.shape)", sourceLocation: sourceLocation)
    guard a.shape == b.shape else { return }
    let x = a.scalars
    let y = b.scalars
    var worst: Float = 0
    var at = 0
    for i in x.indices {
        let err = abs(x[i] - y[i]) / (1 + abs(y[i]))
        if !(err <= worst) {
            worst = err
            at = i
        }
    }
    #expect(
        worst <= tolerance,
        "\(what): element \(at) is \(x.isEmpty ? 0 : x[at]) vs \(y.isEmpty ? 0 : y[at]) (error \(worst))",
        sourceLocation: sourceLocation)
}

/// A bag of tensors made trainable, so functions of inputs can be gradient-checked.
struct Inputs: Module {
    let entries: [NamedParameter]
    init(_ values: [String: Tensor]) {
        entries = values.keys.sorted().map { NamedParameter($0, Parameter(values[$0] ?? Tensor(0))) }
    }
    var namedParameters: [NamedParameter] { entries }
    subscript(_ name: String) -> Tensor { entries.first { $0.name == name }?.parameter.value ?? Tensor(0) }
}

/// Compares the tape's gradient of `loss` with central differences for up to `samples` elements
/// of every parameter of `module` (step `h`; tolerance absolute + relative).
func checkGradients(
    _ module: some Module, samples: Int = 5, h: Float = 1e-2, tolerance: Float = 2e-2,
    sourceLocation: SourceLocation = #_sourceLocation, _ loss: () -> Tensor
) {
    let (_, gradients) = valueWithGradient(of: module) { loss() }
    var checked = 0
    for entry in module.namedParameters {
        let p = entry.parameter
        guard let g = gradients[entry.name] else {
            Issue.record("no gradient for \(entry.name)", sourceLocation: sourceLocation)
            continue
        }
        let original = p.value.detached
        let n = original.count
        let picks = Set((0..<min(samples, n)).map { ($0 * 7919 + 3) % n })
        let indices = picks.sorted()
        let numeric = indices.map { i -> Float in
            func value(at delta: Float) -> Float {
                var v = original
                v.withUnsafeMutableBufferPointer { $0[i] += delta }
                p.value = v
                return withoutGradient { loss().item() }
            }
            defer { p.value = original }
            return (value(at: h) - value(at: -h)) / (2 * h)
        }
        let analytic = indices.map { g.scalars[$0] }
        let agreement = GradientAgreement(analytic: analytic, numeric: numeric, noise: 1e-3)
        #expect(
            agreement.error <= tolerance && agreement.signMismatches.isEmpty,
            "\(entry.name)\(indices): tape \(analytic) vs finite difference \(numeric) (error \(agreement.error) relative to scale \(agreement.scale), signs differ at \(agreement.signMismatches))",
            sourceLocation: sourceLocation)
        checked += indices.count
    }
    #expect(checked > 0, "nothing was checked", sourceLocation: sourceLocation)
}

/// A fixed pseudo-random tensor (for loss weights and inputs in gradient checks).
func randomTensor(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
    var rng = RandomGenerator(seed: seed)
    return Tensor.randomNormal(shape, standardDeviation: scale, using: &rng)
}

/// Σ (y ⊙ r) with a fixed random r: a scalar loss that depends on every element of y.
func weightedSum(_ y: Tensor, seed: UInt64 = 99) -> Tensor {
    (y * randomTensor(y.shape, seed: seed)).sum()
}
