import NotebookOutput

/// A value as people read it: optionals as their value or `nil` (not `Optional(…)`), floating-point
/// numbers, alone or in arrays, as ``ReadableNumber`` writes them; anything else by description.
enum ValueText {
    /// `value` without its `Optional` wrappers (nil stays an optional holding nothing).
    static func unwrapped(_ value: Any) -> Any {
        var current = value
        while let optional = current as? OptionalValue {
            guard let wrapped = optional.wrapped else { return current }
            current = wrapped
        }
        return current
    }

    /// The text of `value` in `style`.
    static func text(for value: Any, style: ReadableNumber.Style) -> String {
        let value = unwrapped(value)
        if let optional = value as? OptionalValue, optional.wrapped == nil { return "nil" }
        switch value {
        case let string as String: return string
        case let double as Double: return ReadableNumber.format(double, style: style)
        case let float as Float: return ReadableNumber.format(float, style: style)
        case let doubles as [Double]: return list(doubles.map { ReadableNumber.format($0) })
        case let floats as [Float]: return list(floats.map { ReadableNumber.format($0) })
        case let rows as [[Double]]: return list(rows.map { list($0.map { ReadableNumber.format($0) }) })
        case let rows as [[Float]]: return list(rows.map { list($0.map { ReadableNumber.format($0) }) })
        default: return String(describing: value)
        }
    }

    private static func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }
}

/// An `Optional` of any type, seen through `Any`.
private protocol OptionalValue {
    var wrapped: Any? { get }
}

extension Optional: OptionalValue {
    fileprivate var wrapped: Any? {
        switch self {
        case .some(let value): value
        case .none: nil
        }
    }
}
