import NotebookOutput
import Tensors

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    @preconcurrency import Darwin
#endif

/// The notebook process's side of the output protocol: marks cell boundaries and writes rich
/// values as framed records into standard output, in order with the cells' printed text.
///
/// The generated notebook program calls the hooks (SPI `NotebookRunner`: the program imports
/// `@_spi(NotebookRunner) import NotebookRuntime`, cells see only the public API and cannot call
/// them); cells use `display(_:)` and friends. Outside a notebook run (no nonce in the environment) records are not written and
/// `display` prints the value's description instead, so library code works in plain programs too.
public final class CellRecorder: @unchecked Sendable {
    /// The recorder of this process.
    @_spi(NotebookRunner) public static let shared = CellRecorder()

    private let framing: RecordFraming?
    private let skippedCells: Set<Int>
    private var currentCell = -1
    private var cellStart: UInt64 = 0

    private init() {
        let environment = ProcessInfoLite.environment
        if environment[RecordFraming.nonceVariable] != nil {
            RunnerLink.dieWithRunner(environment: environment)
            // OpenBLAS picks its kernels when it loads, from OPENBLAS_CORETYPE: a notebook
            // process restarts itself once with the value this CPU needs (before any cell runs).
            BLASEnvironment.reexecWithRecommendedEnvironment()
        }
        framing = environment[RecordFraming.nonceVariable].map(RecordFraming.init(nonce:))
        skippedCells = Set((environment["NOTEBOOK_SKIP_CELLS"] ?? "").split(separator: ",").compactMap { Int($0) })
        if framing != nil {
            // Line buffering keeps a crashing cell's printed lines; records flush explicitly.
            setvbuf(stdout, nil, _IOLBF, 0)
        }
    }

    /// Writes one record, after everything printed before it.
    func emit(_ record: OutputRecord) {
        guard let framing else {
            if case .display(let output) = record { print(output) }
            return
        }
        let bytes = framing.encode(record)
        fflush(stdout)
        bytes.withUnsafeBufferPointer { buffer in
            _ = fwrite(buffer.baseAddress, 1, buffer.count, stdout)
        }
        fflush(stdout)
    }

    /// Writes a cell boundary to standard error too, so the runner can split that stream per cell.
    private func emitToStandardError(_ record: OutputRecord) {
        guard let framing else { return }
        fflush(stderr)
        let bytes = framing.encode(record)
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }

    // MARK: Hooks for the generated program

    /// Called before cell `index` runs.
    @_spi(NotebookRunner) public func _cellStarted(_ index: Int) {
        currentCell = index
        emitToStandardError(.cellStarted(index: index))
        emit(.cellStarted(index: index))
        cellStart = Self.now()
    }

    /// Called after cell `index` ran to its end.
    @_spi(NotebookRunner) public func _cellFinished(_ index: Int) {
        emit(.cellFinished(index: index, seconds: elapsed()))
    }

    /// Called when cell `index` (which expects failure) threw `error`.
    @_spi(NotebookRunner) public func _cellFailed(_ index: Int, error: any Error) {
        emit(.cellFailed(index: index, seconds: elapsed(), message: "\(type(of: error)): \(error)"))
    }

    /// Whether cell `index` should run (the runner skips a crashed expected-failure cell on replay).
    @_spi(NotebookRunner) public func _shouldRun(_ index: Int) -> Bool {
        !skippedCells.contains(index)
    }

    /// Shows the value of a cell's last bare expression (nothing for `Void`).
    @_spi(NotebookRunner) public func _showResult<T>(_ value: T) {
        if T.self == Void.self { return }
        if let optional = value as? OptionalProtocolForDisplay, optional.isNone {
            emit(.result(.text("nil")))
            return
        }
        emit(.result(richOutput(for: value)))
    }

    private func elapsed() -> Double {
        Double(Self.now() &- cellStart) / 1e9
    }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}

/// Lets the recorder print `nil` rather than `Optional(...)` noise for empty optionals.
protocol OptionalProtocolForDisplay {
    var isNone: Bool { get }
}

extension Optional: OptionalProtocolForDisplay {
    var isNone: Bool { self == nil }
}

/// Environment access without Foundation (the runtime stays light to load).
enum ProcessInfoLite {
    static var environment: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}
