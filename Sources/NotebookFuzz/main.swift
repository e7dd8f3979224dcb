import Foundation
import NotebookFuzzing

#if canImport(Glibc)
    import Glibc
#endif

/// `notebook-fuzz [--seconds N] [--seed S] [--target NAME] [--replay I [--save FILE]] [--list]`
///
/// Seeded, reproducible fuzzing of the notebook parser, the header (front matter and cell
/// option) parsers, the record stream decoder and the HTML sanitiser. Exit status 0 when no
/// promise broke, 1 when one did (the input is saved to fuzz-failure-<target>.bin), 64 for bad
/// usage. A crash prints the iteration to replay before the process dies.
var seconds = 10.0
var seed: UInt64 = 1
var targetName: String?
var replay: Int?
var savePath: String?
var arguments = CommandLine.arguments.dropFirst()
func usage(_ message: String) -> Never {
    FileHandle.standardError.write(
        Data(
            "notebook-fuzz: \(message)\nusage: notebook-fuzz [--seconds N] [--seed S] [--target \(Fuzzer.allTargets.map(\.name).joined(separator: "|"))] [--replay I [--save FILE]]\n"
                .utf8))
    exit(64)
}
while let argument = arguments.popFirst() {
    switch argument {
    case "--seconds":
        guard let value = arguments.popFirst().flatMap({ Double($0) }) else { usage("--seconds needs a number") }
        seconds = value
    case "--seed":
        guard let value = arguments.popFirst().flatMap({ UInt64($0) }) else { usage("--seed needs a whole number") }
        seed = value
    case "--target":
        guard let value = arguments.popFirst() else { usage("--target needs a name") }
        targetName = value
    case "--replay":
        guard let value = arguments.popFirst().flatMap({ Int($0) }) else { usage("--replay needs an iteration") }
        replay = value
    case "--save":
        guard let value = arguments.popFirst() else { usage("--save needs a file") }
        savePath = value
    case "--list":
        for target in Fuzzer.allTargets { print(target.name) }
        exit(0)
    case "-h", "--help": usage("fuzzes the notebook parsers, the record decoder and the sanitiser")
    default: usage("unknown argument '\(argument)'")
    }
}
var targets = Fuzzer.allTargets
if let targetName {
    guard let target = Fuzzer.target(named: targetName) else { usage("unknown target '\(targetName)'") }
    targets = [target]
}

if let replay {
    guard targets.count == 1 else { usage("--replay needs --target") }
    let input = Fuzzer.input(of: targets[0], seed: seed, iteration: replay)
    if let savePath { _ = FileManager.default.createFile(atPath: savePath, contents: Data(input)) }
    print(targets[0].check(input) ?? "no failure at iteration \(replay)")
    exit(0)
}

// A crash (a trap in the code under test) names the iteration to replay.
nonisolated(unsafe) var crashTarget = UnsafeMutablePointer<CChar>.allocate(capacity: 64)
func onCrash(_ crashSignal: Int32) {
    var digits = [UInt8](repeating: 0, count: 24)
    var value = Fuzzer.currentIteration
    var count = 0
    repeat {
        digits[count] = UInt8(48 + value % 10)
        value /= 10
        count += 1
    } while value > 0
    let head = "\nnotebook-fuzz: crashed in target "
    _ = head.withCString { write(2, $0, strlen($0)) }
    _ = write(2, crashTarget, strlen(crashTarget))
    let middle = " at iteration "
    _ = middle.withCString { write(2, $0, strlen($0)) }
    for index in stride(from: count - 1, through: 0, by: -1) { _ = write(2, &digits[index], 1) }
    _ = write(2, "\n", 1)
    signal(crashSignal, SIG_DFL)
    raise(crashSignal)
}
for crashSignal in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] { signal(crashSignal, onCrash) }

print("notebook-fuzz: seed \(seed), \(seconds) s over \(targets.map(\.name).joined(separator: ", "))")
let report = Fuzzer.run(targets, seconds: seconds, seed: seed) { name in
    _ = name.withCString { strncpy(crashTarget, $0, 63) }
}
for target in targets {
    print("  \(target.name): \(report.iterations[target.name] ?? 0) inputs")
}
for failure in report.failures {
    let file = "fuzz-failure-\(failure.target).bin"
    _ = FileManager.default.createFile(atPath: file, contents: Data(failure.input))
    print("FAILED \(failure) (input saved to \(file))")
}
exit(report.failures.isEmpty ? 0 : 1)
