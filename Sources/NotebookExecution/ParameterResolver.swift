import NotebookDocument

/// A `-p name=value` that does not fit the notebook's parameters.
public struct ParameterError: Error, Sendable, CustomStringConvertible {
    /// A readable message naming the notebook, the parameter and what is expected.
    public var description: String
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
                let list = known.isEmpty ? "it declares none (add them under 'params:' in the front matter)" : "it declares: \(known.joined(separator: ", "))"
                throw ParameterError(description: "\(notebook.path): error: unknown parameter '\(name)'; \(list)")
            }
            guard let value = parameters[index].value.parsingOverride(text) else {
                let parameter = parameters[index]
                throw ParameterError(
                    description: "\(notebook.path):\(parameter.line): error: parameter '\(name)' is \(parameter.value.swiftType), and '\(text)' is not")
            }
            parameters[index].value = value
        }
        return parameters
    }
}
