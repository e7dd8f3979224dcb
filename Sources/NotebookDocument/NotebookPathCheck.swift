/// A notebook's path ends up in generated Swift source (`#sourceLocation(file:)`), in compiler
/// messages and on the terminal: a control character in it (a newline or carriage return ends a
/// Swift comment line, an escape sequence rewrites the terminal) is refused as bad input.
enum NotebookPathCheck {
    /// The error for `path` when it holds a control character, naming it with the characters
    /// shown as `\u{…}` escapes.
    static func problem(with path: String) -> DocumentError? {
        guard path.unicodeScalars.contains(where: isControl) else { return nil }
        return DocumentError(
            file: printable(path), line: 0, message: "the file name contains control characters",
            hint: "rename the file; names may not contain newlines, tabs or escape sequences")
    }

    /// `path` with every control character written as `\u{hex}`.
    static func printable(_ path: String) -> String {
        var result = ""
        for scalar in path.unicodeScalars {
            if isControl(scalar) {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}"
    }
}
