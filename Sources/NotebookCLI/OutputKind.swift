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
    /// The `--sweep` argument, its syntax errors as usage errors.
    func parsedSweep(_ text: String) throws -> SweepRunner.Sweep {
        do {
            return try SweepRunner.parse(text)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Checks that `--to`, `--in-place`, `--out` and `--sweep` fit together.
    func validateFormats() throws {
        if inPlace, out != nil { throw ValidationError("--in-place writes into each notebook; leave out --out") }
        if inPlace, let to, to != .md { throw ValidationError("--in-place works with --to md only") }
        guard let sweep else { return }
        if let to, to != .html { throw ValidationError("--sweep writes HTML reports; leave out --to \(to.rawValue)") }
        if inPlace { throw ValidationError("--sweep cannot write in place") }
        let parsed = try parsedSweep(sweep)
        if try runOptions.parsedParameters().contains(where: { $0.name == parsed.name }) {
            throw ValidationError("'\(parsed.name)' is both swept and set with -p; keep one")
        }
        guard paths.count == 1, !paths[0].hasSuffix("/") else {
            throw ValidationError("--sweep takes one notebook file")
        }
    }
}
