import NotebookDocument

/// A `-p name=value` that does not fit the notebook's parameters.
public struct ParameterError: NotebookError {
    /// The notebook, and the parameter's line when the notebook declares it.
    public var location: SourceLocation?
    /// What does not fit.
    public var message: String
    /// The parameters the notebook declares, or what value is expected.
    public var hint: String?
}

/// Merges command-line overrides into a notebook's parameter defaults.
public enum ParameterResolver {
    /// The parameters with overrides applied, in declaration order.
    ///
    /// - Throws: ``ParameterError`` for a name the notebook does not declare or a value of the
    ///   wrong type.
    public static func resolve(_ notebook: Notebook, overrides: [(name: String, value: String)]) throws(ParameterError)
        -> [Parameter]
    {
        var parameters = notebook.frontMatter.parameters
        for (name, text) in overrides {
            guard let index = parameters.firstIndex(where: { $0.name == name }) else {
                let known = parameters.map(\.name)
                let list =
                    known.isEmpty
                    ? "it declares none (add them under 'params:' in the front matter)"
                    : "it declares: \(known.joined(separator: ", "))"
                throw ParameterError(
                    location: SourceLocation(file: notebook.path, line: 0), message: "unknown parameter '\(name)'",
                    hint: list)
            }
            guard let value = parameters[index].value.parsingOverride(text) else {
                let parameter = parameters[index]
                throw ParameterError(
                    location: SourceLocation(file: notebook.path, line: parameter.line),
                    message: "parameter '\(name)' is \(parameter.value.swiftType), and '\(text)' is not")
            }
            parameters[index].value = value
        }
        return parameters
    }
}
