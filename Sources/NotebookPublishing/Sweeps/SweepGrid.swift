import Foundation
import NotebookDocument

/// One `-p name=value` setting: a parameter and the value it takes, as typed.
public struct ParameterAssignment: Sendable, Hashable, Codable {
    /// The parameter's name.
    public var name: String
    /// Its value, as typed.
    public var value: String

    /// Creates an assignment.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// `name=value`, as on the command line.
    public var argument: String { name + "=" + value }
}

/// One swept parameter and the values it takes (`--sweep attention=dot,general`).
public struct SweepAxis: Sendable, Equatable, Codable {
    /// The parameter's name.
    public var name: String
    /// Its values, distinct and not empty, as typed.
    public var values: [String]

    /// Creates an axis.
    public init(name: String, values: [String]) {
        self.name = name
        self.values = values
    }

    /// A `--sweep` argument that is not `name=v1,v2,...`.
    public struct SyntaxError: NotebookError {
        /// What is wrong with the argument.
        public var message: String
        /// No file: the argument is on the command line.
        public var location: SourceLocation? { nil }
    }

    /// Parses `name=v1,v2,...` (values are distinct and not empty; spaces around them dropped).
    public static func parse(_ text: String) throws(SyntaxError) -> SweepAxis {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw SyntaxError(message: "--sweep expects name=value1,value2,..., got '\(text)'")
        }
        let name = String(text[..<equals])
        let values = text[text.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !values.isEmpty, values.allSatisfy({ !$0.isEmpty }) else {
            throw SyntaxError(message: "--sweep \(name)= needs a comma-separated list of values, none empty")
        }
        guard Set(values).count == values.count else {
            throw SyntaxError(message: "--sweep \(name)= lists a value twice")
        }
        return SweepAxis(name: name, values: values)
    }
}

/// One point of a sweep: one value for every axis (`attention=dot, seed=2`).
public struct SweepPoint: Sendable, Hashable, Codable {
    /// One assignment per axis, in the order the axes were given.
    public var assignments: [ParameterAssignment]

    /// Creates a point.
    public init(assignments: [ParameterAssignment]) {
        self.assignments = assignments
    }

    /// The values, as the comparison page shows them: `dot, 2`.
    public var label: String { assignments.map(\.value).joined(separator: ", ") }

    /// `attention=dot seed=2`, for messages.
    public var description: String { assignments.map(\.argument).joined(separator: " ") }

    /// The file name part of this point's report: `.attention-dot.seed-2` (characters that are
    /// unsafe in file names become `_`).
    public var fileSuffix: String {
        assignments.map { "." + Self.safe($0.name) + "-" + Self.safe($0.value) }.joined()
    }

    static func safe(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
    }
}

/// The points a sweep runs: the cartesian product of its axes (`--sweep a=1,2 --sweep b=x,y` →
/// a=1 b=x, a=1 b=y, a=2 b=x, a=2 b=y; the first axis changes slowest).
public struct SweepGrid: Sendable, Equatable, Codable {
    /// The swept parameters, in the order given; names are distinct.
    public var axes: [SweepAxis]

    /// A grid over `axes`, which must name distinct parameters.
    public init(axes: [SweepAxis]) throws(SweepAxis.SyntaxError) {
        var seen = Set<String>()
        for axis in axes where !seen.insert(axis.name).inserted {
            throw SweepAxis.SyntaxError(
                message: "--sweep names '\(axis.name)' twice; give all its values in one --sweep")
        }
        guard !axes.isEmpty else { throw SweepAxis.SyntaxError(message: "a sweep needs at least one --sweep") }
        self.axes = axes
    }

    /// Parses one `--sweep` argument per axis.
    public static func parse(_ arguments: [String]) throws(SweepAxis.SyntaxError) -> SweepGrid {
        var axes: [SweepAxis] = []
        for argument in arguments { axes.append(try SweepAxis.parse(argument)) }
        return try SweepGrid(axes: axes)
    }

    /// Every point, first axis slowest. Count: the product of the axes' value counts.
    public var points: [SweepPoint] {
        axes.reduce([SweepPoint(assignments: [])]) { partial, axis in
            partial.flatMap { point in
                axis.values.map {
                    SweepPoint(assignments: point.assignments + [ParameterAssignment(name: axis.name, value: $0)])
                }
            }
        }
    }

    /// The file name part of the comparison page, which names the swept parameters so that a
    /// sweep of another parameter does not replace it: `.attention.seed` (→ `notes.attention.seed.sweep.html`).
    public var comparisonSuffix: String { axes.map { "." + SweepPoint.safe($0.name) }.joined() }

    /// The swept names, as the comparison page's column heading: `attention, seed`.
    public var label: String { axes.map(\.name).joined(separator: ", ") }
}
