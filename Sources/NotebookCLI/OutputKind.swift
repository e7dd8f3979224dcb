import ArgumentParser
import NotebookInterop
import NotebookPublishing

/// The formats `render --to` and `export --to` write.
enum OutputKind: String, ExpressibleByArgument, CaseIterable {
    /// The self-contained HTML report.
    case html
    /// The notes with each cell's outputs written under it.
    case md
    /// A Jupyter notebook (nbformat 4.5).
    case ipynb

    /// The writer of this format.
    var format: OutputFormat {
        switch self {
        case .html: .html
        case .md: .markdown
        case .ipynb: .ipynb
        }
    }
}

extension RenderCommand {
    /// The `--sweep` arguments as a grid, their syntax errors as usage errors.
    func parsedGrid() throws -> SweepGrid {
        do {
            return try SweepGrid.parse(sweep)
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// Checks that `--to`, `--in-place`, `--out`, `--sweep`, `--plan`, `--results` and
    /// `--save-result` fit together.
    func validateFormats() throws {
        if inPlace, out != nil { throw ValidationError("--in-place writes into each notebook; leave out --out") }
        if inPlace, let to, to != .md { throw ValidationError("--in-place works with --to md only") }
        if plan != nil, sweep.isEmpty {
            throw ValidationError("--plan writes the commands of a sweep; add --sweep name=v1,v2")
        }
        if plan != nil, results == nil {
            throw ValidationError("--plan needs --results FOLDER, where the commands write their results")
        }
        if results != nil, plan == nil { throw ValidationError("--results goes with --plan") }
        if let saveResult {
            if saveResult.isEmpty { throw ValidationError("--save-result needs a folder") }
            if !sweep.isEmpty {
                throw ValidationError("--save-result runs one point; to sweep, use --sweep with --plan")
            }
            if to != nil || inPlace || out != nil {
                throw ValidationError(
                    "--save-result writes a result, not a report; leave out --to, --in-place and --out")
            }
            guard paths.count == 1, !paths[0].hasSuffix("/") else {
                throw ValidationError("--save-result takes one notebook file")
            }
        }
        guard !sweep.isEmpty else { return }
        if let to, to != .html { throw ValidationError("--sweep writes HTML reports; leave out --to \(to.rawValue)") }
        if inPlace { throw ValidationError("--sweep cannot write in place") }
        let grid = try parsedGrid()
        let fixed = Set(try runOptions.parsedParameters().map(\.name))
        if let both = grid.axes.first(where: { fixed.contains($0.name) }) {
            throw ValidationError("'\(both.name)' is both swept and set with -p; keep one")
        }
        guard paths.count == 1, !paths[0].hasSuffix("/") else {
            throw ValidationError("--sweep takes one notebook file")
        }
    }
}
