import Crypto
import Foundation
import NotebookDocument
import NotebookOutput

/// Stored results of notebook runs, keyed by everything that decides a run's outputs (the
/// generated program, which holds the cells, options and parameters; and the toolchain and
/// runtime fingerprint). A corrupt or unreadable entry is a miss, and is replaced.
public struct ResultCache: Sendable {
    /// The cache folder.
    public let directory: String

    /// A cache in `directory` (created when first written).
    public init(directory: String) {
        self.directory = directory
    }

    private struct Entry: Codable {
        var format: Int
        var key: String
        var run: NotebookRun
    }

    private static let format = 2

    private func path(for key: String) -> String { "\(directory)/runs/\(key).json" }

    /// The stored run for `key`, if a valid one exists.
    public func lookup(_ key: String) -> NotebookRun? {
        let file = path(for: key)
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        let decoder = StableJSON.decoder()
        guard let entry = try? decoder.decode(Entry.self, from: data), entry.format == Self.format, entry.key == key
        else {
            try? FileManager.default.removeItem(atPath: file)
            return nil
        }
        return entry.run
    }

    /// Stores `run` under `key` (atomically; errors only cost a future cache hit).
    public func store(_ run: NotebookRun, for key: String) {
        let encoder = StableJSON.encoder()
        guard let data = try? encoder.encode(Entry(format: Self.format, key: key, run: run)) else { return }
        try? AtomicFile.write(data, to: path(for: key))
    }

    /// The key of a program under a toolchain.
    static func key(programSource: String, toolchain: NotebookToolchain, extra: String) -> String {
        var hasher = SHA256()
        hasher.update("result-cache-v\(format)")
        hasher.update(programSource)
        hasher.update(toolchain.fingerprint)
        hasher.update(extra)
        return hasher.hexDigest()
    }
}
