// `bench SUBCOMMAND`: each subcommand lives in its own file and registers itself here.
let subcommands: [String: () -> Void] = [
    "tensors": TensorsBenchmark.run,
]

let name = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : ""
if let run = subcommands[name] {
    run()
} else {
    print("usage: bench <\(subcommands.keys.sorted().joined(separator: "|"))>")
}
