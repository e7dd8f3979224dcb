import NotebookDocument
import NotebookOutput

/// Gathers what one cell produced in the cell engine into the outputs a report shows, in the
/// batch runner's shape: consecutive printed text joined into one `stdout` output, displays
/// and results in order, one `progress` output updated in place, inline expression values
/// apart (by expression index).
struct CellOutputAssembler {
    /// The outputs so far.
    private(set) var outputs: [CellOutput] = []
    /// What the cell wrote on standard error (a trap's message is among it).
    private(set) var standardError = ""
    /// The values and failures of the inline expressions the cell evaluated, by index.
    private(set) var inlineResults: [Int: InlineResult] = [:]

    /// Adds one event of the running cell.
    mutating func add(_ event: CellEvent) {
        switch event {
        case .standardOutput(let text):
            if case .stdout(let previous)? = outputs.last {
                outputs[outputs.count - 1] = .stdout(previous + text)
            } else if !text.isEmpty {
                outputs.append(.stdout(text))
            }
        case .standardError(let text):
            standardError += text
        case .notice:
            break
        case .output(.display(let value)):
            outputs.append(.display(value))
        case .output(.result(let value)):
            outputs.append(.result(value))
        case .output(.progress(let progress)):
            if let position = outputs.firstIndex(where: { if case .progress = $0 { true } else { false } }) {
                outputs[position] = .progress(progress)
            } else {
                outputs.append(.progress(progress))
            }
        case .output(.inlineValue(let index, let text)):
            inlineResults[index] = .value(text)
        case .output(.inlineFailed(let index, let message)):
            inlineResults[index] = .failed(CellFailure(kind: .uncaughtError, message: message))
        case .output(.cellStarted), .output(.cellFinished), .output(.cellFailed):
            break
        }
    }

    /// The failure a cell's report stands for, or nil when the cell ran to its end.
    func failure(for report: CellReport) -> CellFailure? {
        switch report.status {
        case .succeeded:
            return nil
        case .compileFailed:
            let errors = report.diagnostics.filter { $0.severity == .error }
            return CellFailure(kind: .compileError, message: report.message, location: errors.first?.location)
        case .crashed:
            let trap = standardError.split(separator: "\n").first { $0.contains("Fatal error") }
            let message = (trap.map { String($0) + "\n" } ?? "") + report.message
            return CellFailure(kind: .crash, message: message)
        case .stackOverflow:
            return CellFailure(kind: .stackOverflow, message: report.message)
        case .timedOut:
            return CellFailure(kind: .timeout, message: report.message)
        case .interrupted, .failed:
            return CellFailure(kind: .crash, message: report.message)
        }
    }
}
