import NotebookExecution
import NotebookOutput
import Testing

/// `Out[n]` and tables show values as people read them: an optional as its value or `nil`,
/// floating-point numbers in their shortest readable form.
@Suite struct ReadableValueTests {
    @Test func optionalsAndFloatingPointValuesReadWell() throws {
        let harness = try ExecutionHarness()
        defer { harness.remove() }
        let (_, run) = try harness.run(
            """
            ```swift
            let some: Int? = 3
            some
            ```

            ```swift
            let none: String? = nil
            none
            ```

            ```swift
            [0.5, 1.9073486328125e-06, -0.0]
            ```

            ```swift
            0.1 + 0.2
            ```

            ```swift
            display(table: [["a", 2.0 / 3, Optional(1.5) as Any]], columns: ["name", "x", "y"])
            ```
            """)
        #expect(run.succeeded)
        #expect(run.cells[0].outputs == [.result(.text("3"))])
        #expect(run.cells[1].outputs == [.result(.text("nil"))])
        #expect(run.cells[2].outputs == [.result(.text("[0.5, 1.907e-06, 0]"))])
        #expect(run.cells[3].outputs == [.result(.text("0.3"))])
        #expect(
            run.cells[4].outputs == [
                .display(.table(Table(columns: ["name", "x", "y"], rows: [["a", "0.6667", "1.5"]])))
            ])
    }
}
