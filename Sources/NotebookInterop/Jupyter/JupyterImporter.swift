import Foundation
import NotebookDocument

/// Converts a Jupyter notebook (nbformat 4) to a Markdown notebook.
///
/// Markdown cells are kept as they are; raw cells become prose as they are (so a front matter raw
/// cell at the top is front matter again); code cells become fenced blocks in the kernel's
/// language (```` ```swift ```` cells for a Swift kernel, which then run); outputs are dropped.
/// Code cells tagged `parameters` or `injected-parameters` (Papermill's) are dropped: the front
/// matter declares the parameters. Blocks are separated by one blank line.
public enum JupyterImporter {
    /// Why a notebook cannot be imported: the file names it, the reason says what is wrong.
    public struct ImportError: NotebookError {
        /// The notebook's path.
        public var path: String
        /// What is wrong.
        public var reason: String
        /// The notebook.
        public var location: SourceLocation? { SourceLocation(file: path, line: 0) }
        /// What is wrong.
        public var message: String { reason }
    }

    /// The Markdown for the notebook in `data`; `path` names it in errors.
    ///
    /// - Throws: ``ImportError`` when `data` is not JSON, not an nbformat 4 notebook, or has a
    ///   malformed cell.
    public static func markdown(from data: Data, path: String) throws(ImportError) -> String {
        let json: JSONValue
        do {
            json = try JSONValue.parse(data)
        } catch {
            throw ImportError(path: path, reason: "not a Jupyter notebook: the JSON is invalid (\(error.reason))")
        }
        guard case .object = json, let cells = json["cells"]?.arrayValue else {
            throw ImportError(path: path, reason: "not a Jupyter notebook: no 'cells' list")
        }
        if let major = json["nbformat"]?.intValue, major != 4 {
            throw ImportError(
                path: path,
                reason: "nbformat \(major) is not supported (only 4); convert it with 'jupyter nbconvert --to notebook'"
            )
        }
        let language = kernelLanguage(json["metadata"])
        var blocks: [String] = []
        for (index, cell) in cells.enumerated() {
            guard let type = cell["cell_type"]?.text else {
                throw ImportError(path: path, reason: "cell \(index + 1) has no cell_type")
            }
            guard let source = cell["source"]?.text ?? (cell["source"] == nil ? "" : nil) else {
                throw ImportError(path: path, reason: "cell \(index + 1): 'source' is not text")
            }
            let trimmed = source.trimmingTrailingNewlines()
            switch type {
            case "markdown", "raw":
                // Definitions the export copied from other cells go (unless the cell was edited
                // so that it no longer ends with them).
                var text = trimmed
                if let carried = cell["metadata"]?["notebook"]?["link_definitions"]?.text, !carried.isEmpty,
                    text.hasSuffix("\n\n" + carried)
                {
                    text.removeLast(("\n\n" + carried).count)
                }
                if !text.isEmpty { blocks.append(text) }
            case "code":
                let tags = cell["metadata"]?["tags"]?.arrayValue?.compactMap(\.text) ?? []
                if tags.contains("parameters") || tags.contains("injected-parameters") { continue }
                blocks.append(codeBlock(trimmed, language: language))
            default:
                throw ImportError(path: path, reason: "cell \(index + 1) has an unknown cell_type '\(type)'")
            }
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    /// The notebook's language, lowercased: `language_info.name`, else `kernelspec.language`,
    /// else the empty string.
    static func kernelLanguage(_ metadata: JSONValue?) -> String {
        let name = metadata?["language_info"]?["name"]?.text ?? metadata?["kernelspec"]?["language"]?.text ?? ""
        return name.lowercased().filter { !$0.isWhitespace }
    }

    /// A fenced block whose fence is longer than any backtick run in the code.
    static func codeBlock(_ code: String, language: String) -> String {
        let fence = CodeFence.enclosing(code)
        return fence + language + "\n" + (code.isEmpty ? "" : code + "\n") + fence
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.last == "\n" || text.last == "\r" { text.removeLast() }
        return text
    }
}
