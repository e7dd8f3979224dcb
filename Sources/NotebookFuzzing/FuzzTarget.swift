import Foundation

/// Something the fuzzer exercises: makes an input for an iteration and checks what the code
/// under test does with it.
public protocol FuzzTarget: Sendable {
    /// The name used on the command line (`--target`).
    var name: String { get }
    /// The input of one iteration (deterministic in `random`).
    func input(_ random: inout FuzzRandom) -> [UInt8]
    /// Runs the code under test on `input`; returns the broken promise, or nil.
    func check(_ input: [UInt8]) -> String?
}

/// A broken promise: which target, which iteration, the input and what went wrong.
public struct FuzzFailure: Sendable, CustomStringConvertible {
    /// The target's name.
    public var target: String
    /// The seed of the run.
    public var seed: UInt64
    /// The iteration (replay with `--seed <seed> --replay <iteration>`).
    public var iteration: Int
    /// The input.
    public var input: [UInt8]
    /// What went wrong.
    public var message: String

    /// One line, with the replay command.
    public var description: String {
        "\(target): iteration \(iteration) (seed \(seed)): \(message) — replay with: notebook-fuzz --target \(target) --seed \(seed) --replay \(iteration)"
    }
}

/// What a fuzzing run did.
public struct FuzzReport: Sendable {
    /// Iterations run, per target.
    public var iterations: [String: Int] = [:]
    /// Failures found (the run stops a target at its first).
    public var failures: [FuzzFailure] = []
}

/// Runs fuzz targets for a time or a number of iterations.
public enum Fuzzer {
    /// Every target, in a fixed order.
    public static let allTargets: [any FuzzTarget] = [
        MarkdownFuzzTarget(), HeaderFuzzTarget(), RecordStreamFuzzTarget(), RandomBytesRecordTarget(),
        SanitizerFuzzTarget(),
    ]

    /// The target called `name`.
    public static func target(named name: String) -> (any FuzzTarget)? {
        allTargets.first { $0.name == name }
    }

    /// The iteration being checked (read by the crash handler of `notebook-fuzz`).
    nonisolated(unsafe) public static var currentIteration = 0

    /// Runs each of `targets` for `seconds / targets.count` seconds (and at most
    /// `maximumIterations` each), from `seed`.
    public static func run(
        _ targets: [any FuzzTarget], seconds: Double, seed: UInt64, maximumIterations: Int = .max,
        onTarget: (String) -> Void = { _ in }
    ) -> FuzzReport {
        var report = FuzzReport()
        let share = seconds / Double(max(targets.count, 1))
        for target in targets {
            onTarget(target.name)
            let deadline = Date().addingTimeInterval(share)
            var iteration = 0
            while iteration < maximumIterations, iteration % 16 != 0 || Date() < deadline {
                currentIteration = iteration
                var random = FuzzRandom(seed: seed, iteration: iteration)
                let input = target.input(&random)
                if let message = target.check(input) {
                    report.failures.append(
                        FuzzFailure(
                            target: target.name, seed: seed, iteration: iteration, input: input, message: message))
                    break
                }
                iteration += 1
            }
            report.iterations[target.name] = iteration
        }
        return report
    }

    /// The input of one iteration, for replaying a failure.
    public static func input(of target: any FuzzTarget, seed: UInt64, iteration: Int) -> [UInt8] {
        var random = FuzzRandom(seed: seed, iteration: iteration)
        return target.input(&random)
    }
}
