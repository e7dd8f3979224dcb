import NotebookOutput

extension CellRecorder {
    /// Evaluates the prose's inline expression `index` (`` `{swift} expr` ``) and reports its
    /// value as text, formatted as a cell's last value is; a thrown error is reported instead.
    @_spi(NotebookRunner) public func _inlineValue<T>(_ index: Int, _ expression: () throws -> T) {
        do {
            let value = try expression()
            emit(.inlineValue(index: index, text: Self.inlineText(value)))
        } catch {
            emit(.inlineFailed(index: index, message: "\(type(of: error)): \(error)"))
        }
    }

    /// A value as one line of text: the text of its ``richOutput(for:)`` (empty optionals as `nil`),
    /// else its description.
    static func inlineText<T>(_ value: T) -> String {
        if T.self == Void.self { return "" }
        if let optional = value as? OptionalProtocolForDisplay, optional.isNone { return "nil" }
        if case .text(let text) = richOutput(for: value) { return text }
        return String(describing: value)
    }
}
