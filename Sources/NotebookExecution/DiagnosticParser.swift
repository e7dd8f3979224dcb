import NotebookDocument

/// Reads `swiftc -diagnostic-style llvm` output into ``Diagnostic``s, attaching notes to the
/// message before them.
public enum DiagnosticParser {
    /// The diagnostics in `output`, in order.
    public static func parse(_ output: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let diagnostic = parseLine(Substring(line)) else { continue }
            if diagnostic.severity == .note, !diagnostics.isEmpty {
                diagnostics[diagnostics.count - 1].notes.append(diagnostic)
            } else {
                diagnostics.append(diagnostic)
            }
        }
        return diagnostics
    }

    /// `path:line:column: severity: message`, or `<unknown>:0: error: message`.
    private static func parseLine(_ line: Substring) -> Diagnostic? {
        for severity in [Diagnostic.Severity.error, .warning, .note] {
            let marker = ": \(severity.rawValue): "
            guard let markerRange = line.range(of: marker) else { continue }
            let place = line[..<markerRange.lowerBound]
            let message = String(line[markerRange.upperBound...])
            let parts = place.split(separator: ":", omittingEmptySubsequences: false)
            var location: SourceLocationParts?
            if parts.count >= 3, let row = Int(parts[parts.count - 2]), let column = Int(parts[parts.count - 1]) {
                location = SourceLocationParts(
                    file: parts.dropLast(2).joined(separator: ":"), line: row, column: column)
            } else if parts.count >= 2, let row = Int(parts[parts.count - 1]) {
                location = SourceLocationParts(file: parts.dropLast().joined(separator: ":"), line: row, column: nil)
            } else if !place.isEmpty, place.contains(" ") {
                continue
            }
            return Diagnostic(
                severity: severity, message: message,
                location: location.map { SourceLocation(file: $0.file, line: $0.line, column: $0.column) })
        }
        return nil
    }

    private struct SourceLocationParts {
        var file: String
        var line: Int
        var column: Int?
    }
}
