import Foundation
import NotebookDocument
import NotebookExecution

/// Why a notebook was not published, by what the caller can do about it (each case maps to one
/// exit status of the command line).
public enum PublishingError: NotebookError {
    /// The notebook cannot be read or is invalid.
    case invalid(DocumentError)
    /// A `-p` parameter does not fit the notebook.
    case badParameter(ParameterError)
    /// The compiler (or another tool the run needs) is missing or cannot be started.
    case toolMissing(any NotebookError)
    /// The runner failed in a way the user cannot fix.
    case internalError(any NotebookError)
    /// The output (or a temporary file) cannot be written.
    case cannotWrite(any NotebookError)

    /// The error this one classifies.
    public var wrapped: any NotebookError {
        switch self {
        case .invalid(let error): error
        case .badParameter(let error): error
        case .toolMissing(let error), .internalError(let error), .cannotWrite(let error): error
        }
    }

    /// The wrapped error's location.
    public var location: SourceLocation? { wrapped.location }
    /// The wrapped error's message.
    public var message: String { wrapped.message }
    /// The wrapped error's hint.
    public var hint: String? { wrapped.hint }
    /// The wrapped error.
    public var underlyingError: (any Error)? { wrapped }

    /// Classifies an error of the execute stage for the notebook at `path`: a compiler that
    /// cannot start is a missing tool when its file is gone or not executable, else internal.
    public static func classifying(_ error: any Error, path: String) -> PublishingError {
        switch error {
        case let error as ParameterError:
            return .badParameter(error)
        case let error as ChildProcess.LaunchError:
            let present = FileManager.default.isExecutableFile(atPath: error.executable)
            return present ? .internalError(error) : .toolMissing(error)
        case let error as NotebookExecutor.RunError:
            return .cannotWrite(error)
        case let error as AtomicFile.WriteError:
            return .cannotWrite(error)
        default:
            return .internalError(UnexpectedError(path: path, underlyingError: error))
        }
    }
}

/// An error of a type the pipeline does not know, with the notebook it happened to.
public struct UnexpectedError: NotebookError {
    /// The notebook.
    public var path: String
    /// The error.
    public var underlyingError: (any Error)?

    /// The notebook.
    public var location: SourceLocation? { SourceLocation(file: path, line: 0) }
    /// The error's own text.
    public var message: String { underlyingError.map { "\($0)" } ?? "unknown error" }
    /// Where to report it.
    public var hint: String? { "this is a bug in the runner; please report it with the notebook" }
}
