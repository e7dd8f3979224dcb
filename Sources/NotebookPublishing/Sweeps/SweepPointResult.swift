import Crypto
import Foundation
import NotebookDocument
import NotebookExecution
import NotebookOutput
import NotebookReport

/// The portable result of one sweep point, run anywhere (`render --save-result DIR`, what the
/// commands of a `--plan` run): the notebook's digest, the parameters and the run, in one JSON
/// file named by its address.
///
/// The address is SHA-256 over the notebook's source and the point's parameters (in order), so
/// one point always lands in the same file whichever machine ran it, a rerun replaces it, and a
/// result of another notebook version or another point can never be taken for this one.
public struct SweepPointResult: Sendable, Codable {
    /// The file format's version.
    public var format: Int
    /// SHA-256 of the notebook's source (hex).
    public var notebookDigest: String
    /// The `-p` settings the notebook ran with, in order.
    public var parameters: [ParameterAssignment]
    /// What the cells did.
    public var run: NotebookRun

    /// The current file format.
    public static let currentFormat = 1

    /// Creates a result.
    public init(notebookSource: String, parameters: [ParameterAssignment], run: NotebookRun) {
        self.format = Self.currentFormat
        self.notebookDigest = Self.digest(of: notebookSource)
        self.parameters = parameters
        self.run = run
    }

    /// SHA-256 of `text`'s UTF-8 bytes, in hex.
    public static func digest(of text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The file name of the result of `notebookDigest` run with `parameters`:
    /// `<sha256>.json`, over a version tag, the digest and each `name=value` (length-prefixed, so
    /// no two lists collide).
    public static func fileName(notebookDigest: String, parameters: [ParameterAssignment]) -> String {
        var text = "sweep-point-v\(currentFormat)\n\(notebookDigest)\n"
        for parameter in parameters {
            text += "\(parameter.name.utf8.count):\(parameter.name)\(parameter.value.utf8.count):\(parameter.value)\n"
        }
        return digest(of: text) + ".json"
    }

    /// This result's file name.
    public var fileName: String { Self.fileName(notebookDigest: notebookDigest, parameters: parameters) }

    /// Writes the result into `folder` (created when missing) under its address, atomically;
    /// returns the file's path. Throws `AtomicFile.WriteError`, or `EncodingError` for a run that
    /// cannot be encoded.
    @discardableResult
    public func write(into folder: String) throws -> String {
        let encoder = StableJSON.encoder()
        let path = folder + "/" + fileName
        try AtomicFile.write(try encoder.encode(self), to: path)
        return path
    }

    /// Why a result file cannot be used.
    public struct ReadError: NotebookError {
        /// The file.
        public var path: String
        /// What is wrong with it.
        public var reason: String

        /// The file.

        public var location: SourceLocation? { SourceLocation(file: path, line: 0) }

        /// What is wrong.

        public var message: String { reason }
    }

    /// Reads the result at `path`, which must be for `notebookDigest` and `parameters`.
    public static func read(
        from path: String, notebookDigest: String, parameters: [ParameterAssignment]
    ) throws(ReadError) -> SweepPointResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(path: path, reason: "cannot read the file")
        }
        let decoder = StableJSON.decoder()
        let result: SweepPointResult
        do {
            result = try decoder.decode(SweepPointResult.self, from: data)
        } catch {
            throw ReadError(path: path, reason: "not a sweep result (\(error)); run its command of the plan again")
        }
        guard result.format == currentFormat else {
            throw ReadError(path: path, reason: "result format \(result.format), this notebook reads \(currentFormat)")
        }
        guard result.notebookDigest == notebookDigest else {
            throw ReadError(
                path: path, reason: "the result is of another version of the notebook; run its command again")
        }
        guard result.parameters == parameters else {
            throw ReadError(path: path, reason: "the result is of other parameters than its name says")
        }
        return result
    }
}

extension RenderPipeline {
    /// Runs one sweep point (`render NOTES.md -p ... --save-result DIR`, a command of a plan):
    /// parse, execute with the pipeline's parameters, and write the portable result into
    /// `folder` instead of a report. The outcome's report path is the result file's.
    public func saveResult(_ input: NotebookDiscovery.Input, into folder: String) -> RenderOutcome {
        func failed(_ error: PublishingError) -> RenderOutcome {
            log(.error(error.description))
            return RenderOutcome(input: input, reportPath: folder, result: .failed(error))
        }
        guard let data = FileManager.default.contents(atPath: input.path),
            let source = String(data: data, encoding: .utf8)
        else {
            return failed(
                .invalid(DocumentError(file: input.path, line: 0, message: "cannot read the notebook as UTF-8 text")))
        }
        let executed: ExecutedNotebook
        do {
            executed = try execute(input.path, progress: progress(input.relativePath))
        } catch {
            return failed(error)
        }
        let parameters = options.parameterOverrides.map { ParameterAssignment(name: $0.name, value: $0.value) }
        let result = SweepPointResult(notebookSource: source, parameters: parameters, run: executed.run)
        let path: String
        do {
            path = try result.write(into: folder)
        } catch {
            return failed(
                .cannotWrite(error as? any NotebookError ?? UnexpectedError(path: folder, underlyingError: error)))
        }
        logFinished(notebook: executed.notebook, run: executed.run, writtenTo: path)
        let entry = ReportIndexEntry(notebook: executed.notebook, run: executed.run, reportPath: path)
        return RenderOutcome(input: input, reportPath: path, result: .rendered(executed.run, entry: entry))
    }
}
