import NotebookExecution

/// Writes the Swift source of one cell's module.
///
/// The cell imports the runtime and `@testable import`s every earlier cell's module (a testable
/// import does not re-export internals, so each must be named), then its code under
/// `#sourceLocation` so that diagnostics and traps point at the notebook's lines. The value of
/// a last bare expression is shown through the prelude's runner hooks, as in `render`.
enum CellSourceWriter {
    /// The source of a cell module.
    ///
    /// - Parameters:
    ///   - earlierModules: every module this cell sees, oldest first (the prelude first).
    ///   - scopedImports: `kind Module.name` imports that pick the newest of several declarations.
    ///   - prologue, epilogue: code before and after the cell's, with their own `#sourceLocation`s.
    static func source(
        code: String, file: String, line: Int, earlierModules: [String], scopedImports: [String], showsResult: Bool,
        prologue: String = "", epilogue: String = ""
    ) -> String {
        var lines = ["import Foundation", "import NotebookRuntime"]
        lines += earlierModules.map { "@testable import \($0)" }
        lines += scopedImports.map { "@testable import \($0)" }
        var body = code
        if showsResult, let range = LastExpression.range(in: code) {
            let bytes = Array(code.utf8)
            let wrapped =
                bytes[..<range.lowerBound] + Array("\(RunnerHooks.namespace).showResult(".utf8)
                + bytes[range] + Array(")".utf8) + bytes[range.upperBound...]
            body = String(decoding: wrapped, as: UTF8.self)
        }
        if !prologue.isEmpty { lines.append(prologue) }
        lines.append("#sourceLocation(file: \(ProgramPlanner.swiftStringLiteral(file)), line: \(max(line, 1)))")
        lines.append(body)
        lines.append("#sourceLocation()")
        if !epilogue.isEmpty { lines.append(epilogue) }
        return lines.joined(separator: "\n") + "\n"
    }
}
