import ArgumentParser
import Foundation

/// The result cache options of the commands that run whole notebooks (`render`, `serve`).
struct CacheOptions: ParsableArguments {
    @Flag(help: "Neither read nor write the result cache.")
    var noCache = false

    @Option(
        help: ArgumentHelp(
            "The result cache folder (default: .notebook-cache in the current folder).", valueName: "folder"))
    var cacheDir: String?

    /// The cache folder to use, or nil with `--no-cache`.
    var directory: String? {
        noCache ? nil : (cacheDir ?? FileManager.default.currentDirectoryPath + "/.notebook-cache")
    }
}
