import Foundation
import NotebookTestSupport
import Testing

/// Every command's `--help` byte for byte against `Golden/help-*.txt` (at 100 columns), so a
/// changed flag, default or exit-status line shows up as a reviewed diff. Record a deliberate
/// change with `RECORD_GOLDEN=1`.
@Suite struct GoldenHelpTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden").path

    @Test(arguments: [
        [], ["render"], ["check"], ["export"], ["import"], ["serve"], ["sweep"], ["sweep", "collect"],
        ["kernel"], ["kernel", "install"], ["kernel", "serve"],
    ])
    func helpMatchesItsGoldenFile(command: [String]) throws {
        let result = try NotebookBinary.run(
            command + ["--help"], environment: ["PATH": "/usr/bin:/bin", "COLUMNS": "100"])
        #expect(result.status == 0)
        #expect(result.standardError.isEmpty)
        let name = (["help"] + command).joined(separator: "-")
        GoldenFile.check(result.standardOutput, against: Self.golden + "/\(name).txt")
    }
}
