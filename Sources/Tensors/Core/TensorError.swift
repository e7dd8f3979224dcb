/// An error a tensor operation can throw (loading files, validated construction).
///
/// Shape mismatches in ordinary ops are programming errors and stop the program with the same
/// message (see `shapeFailure`); the throwing entry points use this type.
public enum TensorError: Error, CustomStringConvertible, Equatable {
    /// `operation` was given shapes that do not fit together; `detail` says why.
    case shapeMismatch(operation: String, shapes: [[Int]], detail: String)
    /// The element count does not match the shape (`expected` = product of the shape).
    case elementCount(operation: String, shape: [Int], expected: Int, actual: Int)
    /// A parameter file could not be read or written (`path`, what went wrong).
    case file(path: String, reason: String)
    /// A parameter file and a model disagree (`path`, the parameter's name, what differs).
    case parameterMismatch(path: String, name: String, reason: String)

    /// A one-line message naming the operation, the shapes or file and parameter involved.
    public var description: String {
        switch self {
        case .shapeMismatch(let op, let shapes, let detail):
            let list = shapes.map { "\($0)" }.joined(separator: " and ")
            return "\(op): shapes \(list) do not match (\(detail))"
        case .elementCount(let op, let shape, let expected, let actual):
            return "\(op): shape \(shape) needs \(expected) elements but \(actual) were given"
        case .file(let path, let reason):
            return "\(path): \(reason)"
        case .parameterMismatch(let path, let name, let reason):
            return "\(path): parameter '\(name)': \(reason)"
        }
    }
}

/// Stops the program with `message`, attributed to the caller's `file` and `line`.
///
/// `fatalError` (unlike `precondition`) keeps its message in optimised builds, so a notebook
/// cell that misuses an op sees e.g.
/// `matmul: shapes [2, 3] and [4, 5] do not match (inner dimensions 3 ≠ 4)` with its own line.
@usableFromInline
func shapeFailure(_ message: String, file: StaticString, line: UInt) -> Never {
    fatalError(message, file: file, line: line)
}

/// Stops the program with a `TensorError`'s description at the caller's location.
@usableFromInline
func shapeFailure(_ error: TensorError, file: StaticString, line: UInt) -> Never {
    fatalError(error.description, file: file, line: line)
}

/// Checks an argument a caller passed: when `condition` is false, stops the program with
/// `message` through the shape-failure path, so the message survives optimised builds (a
/// `precondition`'s does not) and the runner reports it at the notebook line that made the call.
///
/// The message names the operation and the values involved, e.g.
/// `Dropout: rate 1.5 must be in [0, 1)`.
@inlinable
package func requireArgument(
    _ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line
) {
    if !condition { argumentFailure(message(), file: file, line: line) }
}

/// Stops the program with `message` (see ``requireArgument(_:_:file:line:)``).
@usableFromInline
package func argumentFailure(_ message: String, file: StaticString, line: UInt) -> Never {
    shapeFailure(message, file: file, line: line)
}
