import ArgumentParser
import Foundation
import NotebookExecution
import NotebookPublishing

/// Steps every command that runs notebooks starts with, with their errors mapped to exit codes.
enum CommandSupport {
    /// Writes a line to standard error.
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    /// The notebooks named on the command line; a path that names none exits with 65.
    static func inputs(_ paths: [String], excluding excluded: String?) throws -> [NotebookDiscovery.Input] {
        do {
            return try NotebookDiscovery.inputs(paths, excluding: excluded)
        } catch {
            printError(error.description)
            throw ExitCode(.invalidInput)
        }
    }

    /// The compiler and notebook runtime; a missing one exits with 69 and says what to install.
    static func toolchain() throws -> NotebookToolchain {
        do {
            return try NotebookToolchain.locate()
        } catch {
            printError(error.description)
            throw ExitCode(.toolMissing)
        }
    }
}
