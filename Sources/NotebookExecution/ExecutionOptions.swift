import NotebookOutput

/// How a notebook runs.
public struct ExecutionOptions: Sendable {
    /// `-p name=value` overrides of the front matter's parameters, as typed by the user.
    public var parameterOverrides: [(name: String, value: String)] = []
    /// The whole notebook's time limit in seconds (the front matter's `timeout` wins when set).
    public var timeout: Double = 600
    /// Each cell's default time limit in seconds (a cell's `timeout` option wins); nil: only the
    /// notebook's limit applies.
    public var cellTimeout: Double?
    /// The notebook process's memory limit in bytes (address space, plus
    /// ``ExecutionLimits/runtimeReserveBytes`` for the runtime), nil for none.
    public var memoryLimitBytes: Int?
    /// The largest file the notebook process may write, in bytes (its output files included).
    public var fileSizeLimitBytes: Int = ExecutionLimits.defaultFileSizeBytes
    /// The most processes and threads the notebook process and everything it starts may run at
    /// once (a cgroup's `pids.max`; reaching it stops the run with a failure).
    public var processLimit: Int = ExecutionLimits.defaultProcessLimit
    /// The folder of the result cache; nil disables caching.
    public var cacheDirectory: String?
    /// Run even when the cache holds a result.
    public var force = false
    /// Called as the run progresses (from the calling thread).
    public var onEvent: (@Sendable (ExecutionEvent) -> Void)?

    /// The default options.
    public init() {}
}

/// Something that happened during a run, for live progress on a terminal.
public enum ExecutionEvent: Sendable {
    /// The result came from the cache.
    case cached
    /// Compiling started.
    case compiling(cells: Int)
    /// A cell started running.
    case cellStarted(ordinal: Int, line: Int, number: Int, of: Int)
    /// A cell reported progress.
    case progress(Progress)
    /// A cell finished.
    case cellFinished(ordinal: Int, seconds: Double)
}
