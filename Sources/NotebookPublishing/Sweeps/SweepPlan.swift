import Foundation
import NotebookDocument
import NotebookExecution

/// `render --sweep ... --plan FILE --results DIR`: instead of running the points here, writes one
/// self-contained shell command per point into `FILE` (line i = point i, nothing else, so a
/// Slurm array task can pick its line), for GNU parallel (`parallel --sshloginfile hosts < FILE`)
/// or a job array, and the manifest `DIR/sweep.json` that `notebook sweep collect DIR` reads.
///
/// Each command runs `notebook render NOTES.md -p ... --save-result DIR`: absolute paths,
/// every argument single-quoted, so it runs from any folder on any machine that sees the same
/// paths (a shared file system), and writes its portable result into `DIR`.
public struct SweepPlan: Sendable {
    /// The notebook (absolute path).
    public var notebookPath: String
    /// The grid to plan.
    public var grid: SweepGrid
    /// `-p` settings every point gets (before the point's own).
    public var fixedParameters: [ParameterAssignment]
    /// The results folder (absolute).
    public var resultsFolder: String
    /// The `notebook` executable to call (absolute).
    public var executable: String
    /// Further `render` arguments every command passes (limits: `--timeout 600` ...).
    public var runArguments: [String]

    /// Creates a plan.
    public init(
        notebookPath: String, grid: SweepGrid, fixedParameters: [ParameterAssignment], resultsFolder: String,
        executable: String, runArguments: [String]
    ) {
        self.notebookPath = notebookPath
        self.grid = grid
        self.fixedParameters = fixedParameters
        self.resultsFolder = resultsFolder
        self.executable = executable
        self.runArguments = runArguments
    }

    /// The manifest for `notebookSource` (the notebook's text now).
    public func manifest(notebookSource: String) -> SweepManifest {
        let digest = SweepPointResult.digest(of: notebookSource)
        let planned = grid.points.map { point in
            let parameters = fixedParameters + point.assignments
            let arguments =
                [executable, "render", notebookPath] + parameters.flatMap { ["-p", $0.argument] }
                + ["--save-result", resultsFolder, "--no-cache", "--quiet"] + runArguments
            return SweepManifest.PlannedPoint(
                point: point, parameters: parameters,
                resultFile: SweepPointResult.fileName(notebookDigest: digest, parameters: parameters),
                command: arguments.map(Self.shellQuoted).joined(separator: " "))
        }
        return SweepManifest(
            format: SweepManifest.currentFormat, notebookPath: notebookPath, notebookSource: notebookSource,
            notebookDigest: digest, grid: grid, points: planned)
    }

    /// Writes the manifest into the results folder, then the plan (one command per line) to
    /// `planPath`, both atomically. Returns the manifest.
    @discardableResult
    public func write(to planPath: String, notebookSource: String) throws -> SweepManifest {
        let manifest = manifest(notebookSource: notebookSource)
        if let broken = manifest.points.first(where: { $0.command.contains(where: \.isNewline) }) {
            throw LineBreakError(point: broken.point.description)
        }
        try manifest.write(resultsFolder: resultsFolder)
        try AtomicFile.write(manifest.points.map { $0.command + "\n" }.joined(), to: planPath)
        return manifest
    }

    /// A value or path with a line break, which cannot go into a one-command-per-line plan.
    public struct LineBreakError: NotebookError {
        /// The point whose command would span lines.
        public var point: String
        /// No file: the problem is in a path or value given on the command line.
        public var location: SourceLocation? { nil }
        /// What is wrong.
        public var message: String { "the command for \(point) would span lines (a path or value holds a line break)" }
        /// What to do.
        public var hint: String? { "rename the path or change the value" }
    }

    /// `text` as one shell word: single-quoted, a `'` inside as `'\''`. Every byte stays literal
    /// (newlines too), so nothing in a path or value can start another command.
    public static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
