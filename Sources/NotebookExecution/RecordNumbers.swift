import NotebookOutput

/// Numbers that arrive from the notebook process (or from a cache entry a user may have edited),
/// made finite and clamped before anyone formats, compares or converts them.
enum RecordNumbers {
    /// The longest duration a record may claim: a week (longer claims are clamped to it).
    static let maximumSeconds = 7 * 24 * 3600.0
    /// The largest step count a progress record may claim.
    static let maximumSteps = 1 << 40

    /// A duration in `0...maximumSeconds`; NaN becomes 0.
    static func seconds(_ value: Double) -> Double {
        guard value.isFinite else { return value == .infinity ? maximumSeconds : 0 }
        return min(max(value, 0), maximumSeconds)
    }

    /// A step count in `0...maximumSteps`.
    static func steps(_ value: Int) -> Int {
        min(max(value, 0), maximumSteps)
    }

    /// `progress` with its counts clamped (a total of at least 1) and only finite metrics.
    static func progress(_ progress: Progress) -> Progress {
        Progress(
            label: progress.label, completed: steps(progress.completed),
            total: progress.total.map { max(steps($0), 1) },
            metrics: progress.metrics.filter { $0.value.isFinite })
    }
}
