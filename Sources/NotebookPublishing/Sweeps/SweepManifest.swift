import Foundation
import NotebookDocument
import NotebookExecution

/// What a `--plan` promised: the notebook (its source, so the comparison can be built anywhere),
/// the grid, and per point its parameters, result file and command. Written as `sweep.json`
/// into the results folder; `notebook sweep collect` reads it.
public struct SweepManifest: Sendable, Codable {
    /// One planned run.
    public struct PlannedPoint: Sendable, Codable {
        /// The point's values.
        public var point: SweepPoint
        /// Every `-p` setting its command passes (fixed ones first, then the point's), in order.
        public var parameters: [ParameterAssignment]
        /// The result file's name in the results folder (see ``SweepPointResult/fileName``).
        public var resultFile: String
        /// The shell command that produces it (line `index + 1` of the plan).
        public var command: String
    }

    /// The file format's version.
    public var format: Int
    /// The notebook's path when planned (absolute).
    public var notebookPath: String
    /// The notebook's source when planned.
    public var notebookSource: String
    /// SHA-256 of `notebookSource` (hex).
    public var notebookDigest: String
    /// The swept parameters.
    public var grid: SweepGrid
    /// The planned runs, in the grid's order.
    public var points: [PlannedPoint]

    /// The current file format.
    public static let currentFormat = 1
    /// The manifest's file name in the results folder.
    public static let fileName = "sweep.json"

    /// Why a results folder holds no usable manifest.
    public struct ReadError: NotebookError {
        /// The manifest's path.
        public var path: String
        /// What is wrong.
        public var reason: String
        /// The file.
        public var location: SourceLocation? { SourceLocation(file: path, line: 0) }
        /// What is wrong.
        public var message: String { reason }
    }

    /// Reads `folder/sweep.json`.
    public static func read(resultsFolder folder: String) throws(ReadError) -> SweepManifest {
        let path = folder + "/" + fileName
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(
                path: path,
                reason:
                    "no sweep plan here; write one with `notebook render NOTES.md --sweep ... --plan FILE --results \(folder)`"
            )
        }
        let manifest: SweepManifest
        do {
            manifest = try JSONDecoder().decode(SweepManifest.self, from: data)
        } catch {
            throw ReadError(path: path, reason: "not a sweep plan (\(error))")
        }
        guard manifest.format == currentFormat else {
            throw ReadError(
                path: path, reason: "sweep plan format \(manifest.format); this version reads \(currentFormat)")
        }
        guard SweepPointResult.digest(of: manifest.notebookSource) == manifest.notebookDigest else {
            throw ReadError(path: path, reason: "the plan's notebook does not match its digest (edited by hand?)")
        }
        return manifest
    }

    /// Writes `folder/sweep.json` atomically.
    func write(resultsFolder folder: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: folder + "/" + Self.fileName)
    }
}
