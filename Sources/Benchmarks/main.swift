import Foundation

// `bench <suite> [arguments]`: prints benchmark figures (never a pass/fail test).
let arguments = Array(CommandLine.arguments.dropFirst())
let suite = arguments.first ?? "help"
do {
    switch suite {
    case "runner":
        try RunnerBenchmark.run(arguments: Array(arguments.dropFirst()))
    case "render":
        let kilobytes = arguments.dropFirst(2).first.flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        try RenderBenchmark.run(
            filter: arguments.dropFirst().first.flatMap { $0.isEmpty ? nil : $0 }, kilobytes: kilobytes)
    case "render-files":
        try RenderBenchmark.renderFiles(arguments: Array(arguments.dropFirst()))
    case "tensors":
        TensorsBenchmark.run()
    case "models":
        runModelsBenchmark(arguments: Array(arguments.dropFirst()))
    case "profile":
        runProfileBenchmark(arguments: Array(arguments.dropFirst()))
    case "kernel":
        try KernelBenchmark.run(arguments: Array(arguments.dropFirst()))
    default:
        print(
            "usage: bench runner [notebooks-folder] | bench render [case] [KB] | bench render-files <out> [--reparsing] [--cases KB] <file.md>… | bench tensors | bench models"
                + " | bench profile <gru|transformer> [steps] | bench kernel [rounds] [lesson.md]")
        exit(suite == "help" ? 0 : 64)
    }
} catch {
    FileHandle.standardError.write(Data("bench: error: \(error)\n".utf8))
    exit(1)
}
