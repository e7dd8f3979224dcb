import Foundation
import Testing

/// Expected outputs kept as files beside the tests (`Golden/…`), compared byte for byte.
///
/// To accept a deliberate change, run the tests with `RECORD_GOLDEN=1`: each compared file is
/// rewritten and its test *fails* ("recorded"), so a recording run can never pass by accident and
/// a CI with the variable set stays red. Review the diff (`git diff Tests`) and run again without it.
public enum GoldenFile {
    /// Whether this run records instead of comparing.
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    /// Compares `actual` with the golden file at `path`; records it when ``isRecording``.
    public static func check(_ actual: String, against path: String, sourceLocation: SourceLocation = #_sourceLocation)
    {
        if isRecording {
            do {
                try NotebookBinary.write(actual, to: path)
                Issue.record("recorded \(path); run again without RECORD_GOLDEN=1", sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot record \(path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("no golden file \(path); create it with RECORD_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let first =
                zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(expectedLines.count, actualLines.count)
            let want = first < expectedLines.count ? String(expectedLines[first]) : "(end of file)"
            let got = first < actualLines.count ? String(actualLines[first]) : "(end of output)"
            let message =
                "differs from \(path) at line \(first + 1):\n  expected: \(want)\n  actual:   \(got)\n"
                + "(a deliberate change? run with RECORD_GOLDEN=1 and review the diff)"
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        }
    }
}
