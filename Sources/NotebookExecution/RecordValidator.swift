import NotebookOutput

/// Checks the notebook process's cell-boundary records against the program plan.
///
/// The process runs the user's code, which can read the record nonce and write records of its
/// own. The runner therefore accepts only the sequence the plan allows: each planned cell (less
/// the ones it was told to skip) starts once, in program order, after the previous one ended;
/// only the open cell may finish; only a cell with `error: true` may end with a caught error;
/// only the open cell's own inline expressions may report values.
/// Any other boundary record is ignored and described, and never indexes out of range.
struct RecordValidator {
    /// For each program cell, whether it may end with a caught error (`error: true`).
    let expectsFailure: [Bool]
    /// For each program cell, the inline expressions evaluated in its part of the program.
    let inlineExpressions: [Set<Int>]
    /// Program cells the process was told to skip.
    let skipped: Set<Int>

    /// The cell that started and has not ended yet.
    private(set) var openCell: Int?
    /// The cell the next start must name (nil once every cell started).
    private(set) var nextCell: Int?

    init(expectsFailure: [Bool], inlineExpressions: [Set<Int>] = [], skipped: Set<Int>) {
        self.expectsFailure = expectsFailure
        self.inlineExpressions = inlineExpressions
        self.skipped = skipped
        nextCell = Self.firstRunnable(from: 0, count: expectsFailure.count, skipped: skipped)
    }

    /// Why `record` is not allowed now, or nil when it is (and then the state advances).
    mutating func problem(with record: OutputRecord) -> String? {
        switch record {
        case .cellStarted(let index):
            guard expectsFailure.indices.contains(index) else {
                return "a start of cell \(index), which the program does not have (it has \(expectsFailure.count))"
            }
            if let openCell { return "a start of cell \(index) while cell \(openCell) had not ended" }
            guard index == nextCell else {
                return nextCell.map { "a start of cell \(index) where cell \($0) was due" }
                    ?? "a second start of cell \(index)"
            }
            openCell = index
            nextCell = Self.firstRunnable(from: index + 1, count: expectsFailure.count, skipped: skipped)
            return nil
        case .cellFinished(let index, _), .cellFailed(let index, _, _):
            let what = if case .cellFailed = record { "a caught error" } else { "an end" }
            guard expectsFailure.indices.contains(index) else {
                return "\(what) of cell \(index), which the program does not have"
            }
            guard openCell == index else { return "\(what) of cell \(index), which was not running" }
            if case .cellFailed = record, !expectsFailure[index] {
                return "a caught error of cell \(index), which has no 'error: true' option"
            }
            openCell = nil
            return nil
        case .inlineValue(let index, _), .inlineFailed(let index, _):
            guard let openCell else { return "a value of inline expression \(index) outside any cell" }
            guard inlineExpressions.indices.contains(openCell), inlineExpressions[openCell].contains(index) else {
                return "a value of inline expression \(index), which cell \(openCell) does not evaluate"
            }
            return nil
        case .display, .result, .progress:
            return nil
        }
    }

    private static func firstRunnable(from start: Int, count: Int, skipped: Set<Int>) -> Int? {
        (start..<max(start, count)).first { !skipped.contains($0) }
    }
}
