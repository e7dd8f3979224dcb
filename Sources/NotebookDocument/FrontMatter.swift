/// The YAML block at the top of a notebook, between `---` lines.
public struct FrontMatter: Sendable, Equatable, Codable {
    /// The report title.
    public var title: String?
    /// Parameters with their defaults, in the order written; cells see them as constants.
    public var parameters: [Parameter]
    /// The notebook's time limit in seconds (nil: the runner's default).
    public var timeout: Double?
    /// The number of lines the front matter takes, fences included (0 when there is none).
    public var lineCount: Int

    /// Creates front matter.
    public init(title: String? = nil, parameters: [Parameter] = [], timeout: Double? = nil, lineCount: Int = 0) {
        self.title = title
        self.parameters = parameters
        self.timeout = timeout
        self.lineCount = lineCount
    }

    /// The keys the front matter may hold.
    public static let knownKeys: [String] = ["title", "params", "timeout", "author", "date", "description"]
}

/// A notebook parameter: a name, a typed default and where it was declared.
public struct Parameter: Sendable, Equatable, Codable {
    /// The Swift identifier the cells use.
    public var name: String
    /// The value (the default, or the one given on the command line).
    public var value: ParameterValue
    /// The 1-based line of the declaration.
    public var line: Int

    /// Creates a parameter.
    public init(name: String, value: ParameterValue, line: Int) {
        self.name = name
        self.value = value
        self.line = line
    }
}

/// A typed parameter value.
public enum ParameterValue: Sendable, Equatable, Codable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)

    /// The Swift type name the cells see.
    public var swiftType: String {
        switch self {
        case .int: "Int"
        case .double: "Double"
        case .bool: "Bool"
        case .string: "String"
        }
    }

    /// The value as written by a user.
    public var description: String {
        switch self {
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .bool(let value): String(value)
        case .string(let value): value
        }
    }

    /// Parses `text` as a value of the same type as `self` (the command line's `-p name=value`).
    /// Returns nil when the text is not of that type.
    public func parsingOverride(_ text: String) -> ParameterValue? {
        switch self {
        case .int: Int(text).map(ParameterValue.int)
        case .double: Double(text).map(ParameterValue.double)
        case .bool:
            switch text.lowercased() {
            case "true", "yes", "1": .bool(true)
            case "false", "no", "0": .bool(false)
            default: nil
            }
        case .string: .string(text)
        }
    }
}
