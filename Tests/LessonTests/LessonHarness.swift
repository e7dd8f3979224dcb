import Foundation
import NotebookDocument
import NotebookExecution
import NotebookOutput
import NotebookPublishing

/// Renders the shipped lessons (notebooks/) with the real runner, as the README's first command
/// does, and gives tests access to what each cell produced.
enum Lessons {
    /// The package's `notebooks/` folder.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("notebooks").path

    /// Whether this is a CI run (lessons may take reduced parameters there).
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// A rendered lesson.
    struct Rendered {
        var notebook: Notebook
        var run: NotebookRun
        var html: String

        /// Every output of every cell, in document order.
        var outputs: [CellOutput] { run.cells.flatMap(\.outputs) }

        /// Every displayed or resulting rich value, in document order (panels flattened, attention
        /// views followed by their maps as heatmaps).
        var richOutputs: [RichOutput] {
            var result: [RichOutput] = []
            func add(_ output: RichOutput) {
                result.append(output)
                if case .panels(let panels) = output { panels.items.forEach(add) }
                // An attention explorer's maps count as heatmaps (titled with the map's name).
                if case .attention(let view) = output { for heatmap in view.heatmaps { add(.heatmap(heatmap)) } }
            }
            for output in outputs {
                switch output {
                case .display(let value), .result(let value): add(value)
                default: break
                }
            }
            return result
        }

        /// The tables whose caption contains `caption`.
        func tables(captioned caption: String) -> [Table] {
            richOutputs.compactMap {
                if case .table(let table) = $0, table.caption?.contains(caption) == true { table } else { nil }
            }
        }

        /// The heatmaps in the lesson.
        var heatmaps: [Heatmap] {
            richOutputs.compactMap { if case .heatmap(let heatmap) = $0 { heatmap } else { nil } }
        }

        /// The line charts whose title contains `title`.
        func lineCharts(titled title: String) -> [LineChart] {
            richOutputs.compactMap {
                if case .lineChart(let chart) = $0, chart.title?.contains(title) == true { chart } else { nil }
            }
        }

        /// All text the lesson printed.
        var printed: String {
            outputs.compactMap { if case .stdout(let text) = $0 { text } else { nil } }.joined()
        }
    }

    /// Runs the lesson `name` (a file in notebooks/) with optional parameter overrides and renders
    /// its report in memory.
    static func render(_ name: String, parameters: [(name: String, value: String)] = []) throws -> Rendered {
        var options = ExecutionOptions()
        options.parameterOverrides = parameters
        let pipeline = RenderPipeline(toolchain: try NotebookToolchain.locate(), options: options)
        let executed = try pipeline.execute(folder + "/" + name)
        return Rendered(notebook: executed.notebook, run: executed.run, html: pipeline.report(executed).html)
    }
}

extension Table {
    /// The cell at `row` (first column equal to `row`) and `column` (header), as a number.
    func number(row: String, column: String) -> Double? {
        guard let columnIndex = columns.firstIndex(of: column),
            let line = rows.first(where: { $0.first == row }), columnIndex < line.count
        else { return nil }
        return Double(line[columnIndex].trimmingCharacters(in: CharacterSet(charactersIn: " %")))
    }

    /// Every number in a column, in row order.
    func numbers(column: String) -> [Double] {
        guard let columnIndex = columns.firstIndex(of: column) else { return [] }
        return rows.compactMap {
            columnIndex < $0.count
                ? Double($0[columnIndex].trimmingCharacters(in: CharacterSet(charactersIn: " %"))) : nil
        }
    }
}

extension Lessons.Rendered {
    /// What the first inline expression whose code contains `code` showed in the prose.
    func inline(_ code: String) -> String? {
        guard let expression = notebook.inlineExpressions.first(where: { $0.code.contains(code) }) else { return nil }
        return run.inlineValueTexts[expression.index]
    }
}
