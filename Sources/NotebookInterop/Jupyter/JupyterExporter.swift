import Foundation
import NotebookDocument
import NotebookExecution
import NotebookOutput

/// Writes a notebook and its run as a Jupyter notebook (nbformat 4.5).
///
/// - The front matter becomes a raw cell at the top (as Quarto does), so it survives a round trip.
/// - Prose becomes Markdown cells, each inline expression (`` `{swift} expr` ``) replaced by its
///   value as text, and the link reference definitions it uses from other cells appended (within
///   ``CarriedDefinitionBudget``; metadata `notebook.link_definitions`); code blocks in other languages stay fenced inside Markdown cells
///   (a Swift kernel must not run them).
/// - Swift cells become code cells: the cell options as leading `//| key: value` lines, the
///   execution count, and the outputs as `stream`, `display_data`, `execute_result` and `error`
///   objects (see ``JupyterOutputs``). Their metadata keeps the options (`notebook.options`), the
///   Markdown line, the status and run time, plus Jupyter's own `jupyter.source_hidden` (`echo:
///   false`), `jupyter.outputs_hidden` (`output: false`) and the `raises-exception` tag (`error:
///   true`).
/// - The notebook's metadata names the Swift kernel (`kernelspec.name` and `language_info.name`
///   are `swift`).
public enum JupyterExporter {
    /// The notebook as nbformat 4.5 JSON (the front matter and the exact text of non-Swift code
    /// blocks come from ``Notebook/sourceText``); `run` is nil to export the cells without outputs.
    public static func notebook(_ notebook: Notebook, run: NotebookRun?) -> JSONValue {
        let lines = notebook.sourceLines
        var ids = CellIDs()
        var cells: [JSONValue] = []
        let frontMatterLines = notebook.frontMatter.lineCount
        if frontMatterLines > 0, frontMatterLines <= lines.count {
            let text = lines[0..<frontMatterLines].joined(separator: "\n")
            cells.append(
                .object([
                    "cell_type": .string("raw"), "id": .string(ids.make("front-matter")),
                    "metadata": .object(["raw_mimetype": .string("text/x-yaml")]),
                    "source": .lines(text),
                ]))
        }
        if !notebook.frontMatter.parameters.isEmpty {
            cells.append(parametersCell(notebook.frontMatter.parameters, id: ids.make("parameters")))
        }
        let runs = Dictionary((run?.cells ?? []).map { ($0.ordinal, $0) }, uniquingKeysWith: { first, _ in first })
        var carriedDefinitions = CarriedDefinitionBudget()
        for block in notebook.blocks {
            switch block {
            case .prose(let prose):
                // Jupyter cannot evaluate `{swift} expr`: the Markdown cell carries the value.
                let markdown = InlineExpression.substituting(
                    prose.inlineExpressions, texts: run?.inlineValueTexts ?? [:],
                    in: prose.markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                    firstLine: prose.startLine
                ).joined(separator: "\n")
                // Jupyter renders each Markdown cell alone: the links it names that are defined
                // in another cell get their definitions appended (and named in the metadata, so
                // the import takes them off again).
                let carried = carriedDefinitions.take(
                    notebook.linkReferenceDefinitions.used(
                        in: prose.markdown, outside: prose.range.startLine...prose.range.endLine)
                ).map(\.markdown).joined(separator: "\n")
                cells.append(
                    markdownCell(
                        carried.isEmpty ? markdown : markdown + "\n\n" + carried, id: ids.make("md-\(prose.startLine)"),
                        carriedDefinitions: carried))
            case .code(let cell) where !cell.isSwift:
                let text = cell.range.lineIndices.clamped(to: 0...max(lines.count - 1, 0)).map { lines[$0] }
                    .joined(separator: "\n")
                cells.append(markdownCell(text, id: ids.make("md-\(cell.fenceLine)")))
            case .code(let cell):
                let id = ids.make(cell.options.label ?? "cell-\(cell.fenceLine)")
                cells.append(codeCell(cell, run: runs[cell.ordinal], id: id, notebookPath: notebook.path))
            }
        }
        var metadata: [String: JSONValue] = [
            "kernelspec": .object([
                "name": .string("swift"), "display_name": .string("Swift"), "language": .string("swift"),
            ]),
            "language_info": .object([
                "name": .string("swift"), "file_extension": .string(".swift"), "mimetype": .string("text/x-swift"),
            ]),
            "title": .string(notebook.title),
        ]
        var runner: [String: JSONValue] = ["source": .string(notebook.path)]
        if let run {
            runner["started"] = .string(ISO8601DateFormatter().string(from: run.startedAt))
            runner["seconds"] = .number((run.totalSeconds * 1000).rounded() / 1000)
            runner["succeeded"] = .bool(run.succeeded)
            runner["parameters"] = .object(
                Dictionary(
                    run.parameters.map { ($0.name, $0.value.json) }, uniquingKeysWith: { first, _ in first }))
        }
        metadata["notebook"] = .object(runner)
        return .object([
            "cells": .array(cells), "metadata": .object(metadata), "nbformat": .int(4), "nbformat_minor": .int(5),
        ])
    }

    /// The notebook as nbformat 4.5 JSON text (keys sorted, one-space indent, as Jupyter writes).
    public static func export(_ notebook: Notebook, run: NotebookRun?) -> String {
        self.notebook(notebook, run: run).serialized(indent: 1)
    }

    private static func parametersCell(_ parameters: [Parameter], id: String) -> JSONValue {
        let source = parameters.map { "let \($0.name): \($0.value.swiftType) = \(ProgramPlanner.literal($0.value))" }
            .joined(separator: "\n")
        return .object([
            "cell_type": .string("code"), "id": .string(id), "execution_count": .null, "outputs": .array([]),
            "metadata": .object(["tags": .array([.string("parameters")])]), "source": .lines(source),
        ])
    }

    /// A Markdown cell; `carriedDefinitions`, when not empty, is the end of `text` that holds link
    /// reference definitions copied from other cells (metadata `notebook.link_definitions`).
    private static func markdownCell(_ text: String, id: String, carriedDefinitions: String = "") -> JSONValue {
        let metadata: [String: JSONValue] =
            carriedDefinitions.isEmpty
            ? [:] : ["notebook": .object(["link_definitions": .string(carriedDefinitions)])]
        return .object([
            "cell_type": .string("markdown"), "id": .string(id), "metadata": .object(metadata), "source": .lines(text),
        ])
    }

    private static func codeCell(_ cell: CodeCell, run: CellRun?, id: String, notebookPath: String) -> JSONValue {
        let options = cell.options
        var source = CellOptionLines.lines(for: options).joined(separator: "\n")
        if !source.isEmpty { source += "\n" }
        source += cell.sourceLines.joined(separator: "\n")

        var runner: [String: JSONValue] = ["line": .int(cell.fenceLine)]
        let optionJSON = CellOptionLines.json(for: options)
        if !optionJSON.isEmpty { runner["options"] = .object(optionJSON) }
        if let run {
            runner["status"] = .string(JupyterOutputs.statusName(run.status))
            if let seconds = run.seconds { runner["seconds"] = .number((seconds * 1000).rounded() / 1000) }
        }
        var metadata: [String: JSONValue] = ["notebook": .object(runner)]
        var jupyter: [String: JSONValue] = [:]
        if !options.echo || options.codeFold { jupyter["source_hidden"] = .bool(true) }
        if !options.output { jupyter["outputs_hidden"] = .bool(true) }
        if !jupyter.isEmpty { metadata["jupyter"] = .object(jupyter) }
        var tags: [JSONValue] = []
        if options.error { tags.append(.string("raises-exception")) }
        if !options.eval { tags.append(.string("skip-execution")) }
        if !tags.isEmpty { metadata["tags"] = .array(tags) }

        return .object([
            "cell_type": .string("code"), "id": .string(id), "metadata": .object(metadata), "source": .lines(source),
            "execution_count": run?.executionCount.map { .int($0) } ?? .null,
            "outputs": .array(
                run.map { JupyterOutputs.outputs(of: $0, cellID: id, caption: options.figureCaption) } ?? []),
        ])
    }
}

/// Cell ids as nbformat 4.5 wants them: 1–64 characters of `[A-Za-z0-9_-]`, unique in the notebook.
struct CellIDs {
    private var taken: Set<String> = []

    mutating func make(_ wanted: String) -> String {
        var base = String(
            wanted.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" }.prefix(56))
        if base.isEmpty { base = "cell" }
        var id = base
        var counter = 2
        while !taken.insert(id).inserted {
            id = "\(base)-\(counter)"
            counter += 1
        }
        return id
    }
}

extension ParameterValue {
    /// The value as JSON.
    var json: JSONValue {
        switch self {
        case .int(let value): .int(value)
        case .double(let value): .number(value)
        case .bool(let value): .bool(value)
        case .string(let value): .string(value)
        }
    }
}
