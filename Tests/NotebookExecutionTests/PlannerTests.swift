import NotebookDocument
import NotebookExecution
import Testing

/// The bracket checker and the last-expression rewrite, seen through the planned program.
@Suite struct PlannerTests {
    func plan(_ code: String) throws -> ProgramPlan {
        let notebook = try NotebookParser.parse(text: "```swift\n\(code)\n```\n", path: "n.md")
        return ProgramPlanner.plan(notebook, parameters: [])
    }

    @Test(arguments: [
        ("x", true), ("x + 1", true), ("model(input)\n    .shape", true), ("let y = 3", false),
        ("y = 3", false), ("y += 3", false), ("for i in 0..<3 { print(i) }", false), ("print(1); 5", true),
        ("func f() {}", false), ("import Foundation", false), ("values[0] = 1", false),
        ("if true { 1 } else { 2 }", false), ("[1, 2].map { $0 * 2 }", true), ("\"text \\(1 + 2)\"", true),
        ("// just a comment", false), ("@MainActor func f() {}", false), ("try compute()", true),
    ])
    func lastExpressionRewrite(code: String, shows: Bool) throws {
        #expect(try plan(code).cells[0].showsResult == shows, "\(code)")
    }
}
