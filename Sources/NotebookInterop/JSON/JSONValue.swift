import Foundation

/// A JSON value, for reading and writing Jupyter notebooks without losing fields we do not model.
///
/// Objects keep their keys in a dictionary; ``serialized(indent:)`` writes them sorted, as Jupyter
/// does, so an exported notebook is byte-for-byte stable across runs with the same outputs.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// An integer value.
    public static func int(_ value: Int) -> JSONValue { .number(Double(value)) }

    /// A string split into lines that keep their `\n` (Jupyter's "multiline string" form).
    public static func lines(_ text: String) -> JSONValue {
        var pieces: [JSONValue] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == "\n" {
                pieces.append(.string(current))
                current = ""
            }
        }
        if !current.isEmpty { pieces.append(.string(current)) }
        return .array(pieces)
    }

    /// The member `key` of an object (nil for other values or a missing key).
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { members[key] } else { nil }
    }

    /// The string, or the joined lines of a multiline string (an array of strings).
    public var text: String? {
        switch self {
        case .string(let text): text
        case .array(let items):
            items.allSatisfy({ if case .string = $0 { true } else { false } })
                ? items.compactMap(\.text).joined() : nil
        default: nil
        }
    }

    /// The number as an integer, when it is one.
    public var intValue: Int? {
        if case .number(let value) = self, value.rounded() == value, abs(value) < 1e15 { Int(value) } else { nil }
    }

    /// The array's items (nil for other values).
    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { items } else { nil }
    }

    /// Parses JSON text.
    ///
    /// - Throws: ``JSONValue/ParseError`` with a readable reason when `data` is not JSON.
    public static func parse(_ data: Data) throws(ParseError) -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            throw ParseError(reason: underlying ?? context.debugDescription)
        } catch {
            throw ParseError(reason: "not valid JSON")
        }
    }

    /// Why JSON text could not be read.
    public struct ParseError: Error, Sendable {
        /// What the JSON reader said.
        public var reason: String
    }

    /// The JSON text: keys sorted, `indent` spaces per level (Jupyter uses 1), a final newline.
    public func serialized(indent: Int = 1) -> String {
        var output = ""
        write(to: &output, level: 0, indent: indent)
        return output + "\n"
    }

    private func write(to output: inout String, level: Int, indent: Int) {
        let pad = String(repeating: " ", count: (level + 1) * indent)
        let closing = String(repeating: " ", count: level * indent)
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let value): output += Self.format(value)
        case .string(let text): Self.quote(text, into: &output)
        case .array(let items):
            guard !items.isEmpty else {
                output += "[]"
                return
            }
            output += "[\n"
            for (index, item) in items.enumerated() {
                output += pad
                item.write(to: &output, level: level + 1, indent: indent)
                output += index == items.count - 1 ? "\n" : ",\n"
            }
            output += closing + "]"
        case .object(let members):
            guard !members.isEmpty else {
                output += "{}"
                return
            }
            output += "{\n"
            let sorted = members.sorted { $0.key < $1.key }
            for (index, member) in sorted.enumerated() {
                output += pad
                Self.quote(member.key, into: &output)
                output += ": "
                member.value.write(to: &output, level: level + 1, indent: indent)
                output += index == sorted.count - 1 ? "\n" : ",\n"
            }
            output += closing + "}"
        }
    }

    private static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    private static func quote(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    output += String(format: "\\u%04x", scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}

extension JSONValue: Decodable {
    /// Decodes any JSON value (booleans stay booleans: they are tried before numbers).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}
