import ArgumentParser
import Dispatch
import Foundation
import NotebookExecution
import NotebookReport
import NotebookServer

/// `notebook serve`: a live preview of a folder's reports on localhost.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the reports of a folder of notebooks, re-rendered as the notebooks change.",
        discussion: """
            Open the printed address: / lists the notebooks, /notes.html is the report of notes.md. \
            A notebook is rendered on first request and again whenever its file changes; open pages \
            reload themselves. Only notebooks inside the folder are served. Stop with Ctrl-C.

            \(ExitStatus.helpSection)
            """)

    @Argument(help: "The folder of notebooks (default: the current folder).")
    var folder: String = "."

    @Option(help: "The port to listen on (0: any free port).")
    var port: Int = 8000

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @OptionGroup var runOptions: RunOptions

    @OptionGroup var cacheOptions: CacheOptions

    @Flag(name: .shortAndLong, help: "Print only errors and the address.")
    var quiet = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            CommandSupport.printError("\(folder): error: no such folder")
            throw ExitCode(.invalidInput)
        }
        let toolchain = try CommandSupport.toolchain()
        // SIGINT/SIGTERM end the server at once, mid-render too, with every process it started
        // (the cell hosts and their workers): exit status 130 or 143.
        ChildProcessRegistry.installSignalHandlers()
        var options = try runOptions.executionOptions()
        options.cacheDirectory = cacheOptions.directory
        let console = Console(quiet: quiet)
        let root = folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        let server = PreviewServer(
            root: root, host: host, port: port, toolchain: toolchain, options: options,
            reportOptions: ReportOptions(generator: "notebook \(NotebookVersion.current)"), log: { console.info($0) })
        let host = self.host
        let requestedPort = self.port
        let failure = ServeFailure()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await server.run { port in
                    // The address goes to standard output, always: scripts and tests read it.
                    FileHandle.standardOutput.write(Data("serving http://\(host):\(port)/\n".utf8))
                }
            } catch {
                failure.message = "\(host):\(requestedPort): error: cannot serve: \(error)"
            }
            done.signal()
        }
        done.wait()
        if let message = failure.message {
            console.error(message)
            throw ExitCode(.cannotWrite)
        }
    }
}

/// The error that ended the server, if any (written by the server task, read after it ends).
private final class ServeFailure: @unchecked Sendable {
    var message: String?
}
