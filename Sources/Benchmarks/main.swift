import Foundation
if CommandLine.arguments.count > 1 && CommandLine.arguments[1] == "models" { runModelsBenchmark(arguments: Array(CommandLine.arguments.dropFirst(2))); exit(0) }
print("bench")
