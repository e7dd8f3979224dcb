import Foundation

/// What the runner sees of a running notebook program between two reads of its output: which
/// cell runs and since when, and whether a limit has been passed (then the program is stopped).
/// It reports cells starting and finishing, and progress, as they are seen.
struct ProgramRunWatch {
    /// The limit that stopped the program: the notebook's (`perCell` false) or the running cell's.
    typealias Timeout = (cell: Int?, limit: Double, perCell: Bool)

    let plan: ProgramPlan
    /// The notebook's time limit in seconds.
    let notebookLimit: Double
    /// The time limit of a planned cell, when it has one.
    let cellLimit: (ProgramPlan.PlannedCell) -> Double?
    let onEvent: (@Sendable (ExecutionEvent) -> Void)?

    let runStart: Date
    private(set) var cellStart: Date
    /// The index (in the plan) of the last cell seen to start.
    private(set) var seenCell: Int?
    private(set) var timedOut: Timeout?
    /// Whether a fork failed at the process limit: a runaway or a fork bomb.
    private(set) var reachedProcessLimit = false

    /// A watch that starts now.
    init(
        plan: ProgramPlan, notebookLimit: Double, cellLimit: @escaping (ProgramPlan.PlannedCell) -> Double?,
        onEvent: (@Sendable (ExecutionEvent) -> Void)?
    ) {
        self.plan = plan
        self.notebookLimit = notebookLimit
        self.cellLimit = cellLimit
        self.onEvent = onEvent
        runStart = Date()
        cellStart = runStart
    }

    /// Takes in what `collector` holds after a read; true when the program must be stopped.
    mutating func observe(_ collector: OutputCollector, processReachedLimit: Bool) -> Bool {
        if collector.currentCell != seenCell, let current = collector.currentCell {
            reportFinished(collector)
            seenCell = current
            cellStart = Date()
            let cell = plan.cells[current]
            onEvent?(
                .cellStarted(ordinal: cell.ordinal, line: cell.sourceLine, number: current + 1, of: plan.cells.count))
        }
        if let progress = collector.lastProgress {
            onEvent?(.progress(progress))
        }
        if processReachedLimit {
            reachedProcessLimit = true
            return true
        }
        let now = Date()
        if now.timeIntervalSince(runStart) > notebookLimit {
            timedOut = (seenCell, notebookLimit, false)
            return true
        }
        if let current = seenCell, let limit = cellLimit(plan.cells[current]), now.timeIntervalSince(cellStart) > limit
        {
            timedOut = (current, limit, true)
            return true
        }
        return false
    }

    /// Reports the last cell seen as finished, when the collector has its duration (at the next
    /// cell's start, and once more when the program has ended).
    func reportFinished(_ collector: OutputCollector) {
        if let previous = seenCell, let seconds = collector.cells[previous]?.seconds {
            onEvent?(.cellFinished(ordinal: plan.cells[previous].ordinal, seconds: seconds))
        }
    }

    /// Seconds since the last cell seen started (the run's start before any).
    func secondsInCell() -> Double { Date().timeIntervalSince(cellStart) }
}
