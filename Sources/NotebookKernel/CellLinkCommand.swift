import Foundation
import NotebookExecution

/// The linker command that `swiftc -emit-library` runs for a cell, derived once so that each cell
/// runs the linker directly (~0.04 s) instead of the driver (~0.2 s: the driver, then
/// `swift-autolink-extract`, then `clang`, then the linker).
///
/// ``derive(toolchain:directory:prefersLLD:)`` asks the driver what it would run for a
/// placeholder object (`swiftc -### -emit-library`: `swift-autolink-extract` and a `clang` line),
/// puts a marker where the autolink entries go, and asks that `clang` the same (`clang -###`: the
/// linker line with the C runtime's objects, the search paths, `swiftrt.o` and the rpaths). Per
/// cell, ``arguments(object:output:autolinkEntries:)`` puts the cell's object, library and the
/// object's ``AutolinkEntries`` in the placeholders' places.
struct CellLinkCommand: Equatable {
    /// The linker (`/opt/swift/usr/bin/ld.lld`, `/usr/bin/ld.gold`).
    var linker: String
    /// The linker's arguments, with ``objectPlaceholder``, ``outputPlaceholder`` and
    /// ``autolinkMarker`` among them once each.
    var template: [String]

    /// Why a link command could not be derived.
    struct DerivationError: Error, CustomStringConvertible {
        var description: String
    }

    /// The argument that stands for the autolink entries between the two `-###` steps.
    static let autolinkMarker = "-lnotebook-autolink-entries"
    static let objectPlaceholder = "link-template.o"
    static let outputPlaceholder = "liblink-template.so"

    /// The linker's arguments for one cell.
    func arguments(object: String, output: String, autolinkEntries: [String]) -> [String] {
        template.flatMap { argument -> [String] in
            switch argument {
            case Self.autolinkMarker: autolinkEntries
            case Self.objectPlaceholder: [object]
            case Self.outputPlaceholder: [output]
            default: [argument]
            }
        }
    }

    /// Derives the command from the driver and `clang` of `toolchain`, working in `directory`
    /// (an empty placeholder object is written there). With `prefersLLD`, the driver is asked
    /// for LLVM's linker first (`-use-ld=lld`, several times faster than gold on a cell), then
    /// for its default.
    static func derive(
        toolchain: NotebookToolchain, directory: String, prefersLLD: Bool = true
    ) -> Result<CellLinkCommand, DerivationError> {
        var failures: [String] = []
        for useLLD in prefersLLD ? [true, false] : [false] {
            switch derive(toolchain: toolchain, directory: directory, useLLD: useLLD) {
            case .success(let command): return .success(command)
            case .failure(let error): failures.append(error.description)
            }
        }
        return .failure(DerivationError(description: failures.joined(separator: "; ")))
    }

    private static func derive(
        toolchain: NotebookToolchain, directory: String, useLLD: Bool
    ) -> Result<CellLinkCommand, DerivationError> {
        let object = "\(directory)/\(objectPlaceholder)"
        let output = "\(directory)/\(outputPlaceholder)"
        guard FileManager.default.createFile(atPath: object, contents: Data()) else {
            return .failure(DerivationError(description: "cannot write \(object)"))
        }
        let driverArguments =
            ["-###"] + (useLLD ? ["-use-ld=lld"] : [])
            + CellModuleCompiler.driverLinkArguments(object: object, output: output, toolchain: toolchain)
        let driver = dryRun(toolchain.swiftc, driverArguments, log: "\(directory)/link-template")
        guard driver.succeeded else {
            return .failure(DerivationError(description: "swiftc -### failed: \(driver.output)"))
        }
        return clangLine(driverOutput: driver.output, object: object).flatMap { clang in
            let printed = dryRun(
                clang[0], ["-###"] + clang.dropFirst(), log: "\(directory)/link-template")
            guard printed.succeeded else {
                return .failure(DerivationError(description: "\(clang[0]) -### failed: \(printed.output)"))
            }
            return linkerCommand(clangOutput: printed.output, object: object, output: output)
        }
    }

    /// The `clang` line of the driver's `-###` output with ``autolinkMarker`` in place of the
    /// autolink response file (`@…autolink`).
    static func clangLine(driverOutput: String, object: String) -> Result<[String], DerivationError> {
        let lines = driverOutput.split(separator: "\n").compactMap { ShellWords.split(String($0)) }.filter {
            !$0.isEmpty
        }
        guard let extract = lines.first(where: { $0[0].hasSuffix("swift-autolink-extract") }),
            let listIndex = extract.firstIndex(of: "-o"), listIndex + 1 < extract.count
        else {
            return .failure(DerivationError(description: "no swift-autolink-extract step in: \(driverOutput)"))
        }
        let list = "@" + extract[listIndex + 1]
        guard let clang = lines.first(where: { $0.contains(list) && $0.contains(object) }) else {
            return .failure(DerivationError(description: "no link step using \(list) in: \(driverOutput)"))
        }
        return .success(clang.map { $0 == list ? autolinkMarker : $0 })
    }

    /// The linker command from `clang -###` output (its one command line, after the version
    /// lines), with the placeholders in place of `object` and `output`.
    static func linkerCommand(clangOutput: String, object: String, output: String) -> Result<
        CellLinkCommand, DerivationError
    > {
        let commands = clangOutput.split(separator: "\n").filter { $0.hasPrefix(" \"") }
        guard commands.count == 1, let words = ShellWords.split(String(commands[0])), words.count > 1 else {
            return .failure(DerivationError(description: "expected one linker command in: \(clangOutput)"))
        }
        let template = words.dropFirst().map { word in
            word == object ? objectPlaceholder : word == output ? outputPlaceholder : word
        }
        for placeholder in [objectPlaceholder, outputPlaceholder, autolinkMarker]
        where template.filter({ $0 == placeholder }).count != 1 {
            return .failure(
                DerivationError(description: "the linker command does not name \(placeholder) once: \(words)"))
        }
        return .success(CellLinkCommand(linker: words[0], template: template))
    }

    /// Runs a `-###` step and returns what it printed: the driver prints on standard output,
    /// `clang` on standard error.
    static func dryRun(_ executable: String, _ arguments: [String], log: String) -> (
        succeeded: Bool, output: String
    ) {
        do {
            let process = try ChildProcess(
                executable: executable, arguments: arguments, environment: ProcessInfo.processInfo.environment,
                workingDirectory: nil, standardOutput: log + ".out", standardError: log + ".err",
                isTrustedTool: true)
            let termination = process.waitUntilExit()
            let output = [log + ".out", log + ".err"].compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
            return (termination == .exited(0), output.joined(separator: "\n"))
        } catch {
            return (false, "\(error)")
        }
    }
}
