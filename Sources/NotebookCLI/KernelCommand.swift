import ArgumentParser
import Foundation
import JupyterKernel
import NotebookExecution
import NotebookKernel

/// `notebook kernel`: the Jupyter kernel for Swift cells, and its kernelspec installer.
struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel",
        abstract: "Run Swift cells one at a time for Jupyter clients (JupyterLab, VS Code, nbclient, papermill).",
        discussion: """
            Each cell is compiled as a module of its own and loaded into a long-lived process; later \
            cells see every earlier declaration, and a name declared again shadows the earlier one. A \
            cell that traps, calls exit or is interrupted loses only itself: the next cell sees the \
            state from before it. Install the kernelspec with 'notebook kernel install'.
            """,
        subcommands: [KernelServeCommand.self, KernelInstallCommand.self],
        defaultSubcommand: KernelServeCommand.self)
}

/// `notebook kernel --connection-file FILE`: serve one Jupyter session.
struct KernelServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the Jupyter session of a connection file (what the kernelspec runs).")

    @Option(help: ArgumentHelp("The connection file Jupyter wrote.", valueName: "file"))
    var connectionFile: String

    @Option(help: ArgumentHelp("Memory the saved states may hold before the oldest are dropped.", valueName: "MiB"))
    var snapshotBudget = 2048

    func run() throws {
        let connection: ConnectionInfo
        let toolchain: NotebookToolchain
        do {
            connection = try ConnectionInfo.read(path: connectionFile)
            toolchain = try NotebookToolchain.locate()
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(.invalidInput)
        }
        let configuration = CellEngine.Configuration(
            toolchain: toolchain, file: "cell", snapshotMemoryBudget: snapshotBudget << 20)
        let server: JupyterKernelServer
        do {
            server = try JupyterKernelServer(connection: connection, engine: configuration)
        } catch {
            FileHandle.standardError.write(Data("notebook kernel: \(error)\n".utf8))
            throw ExitCode.failure
        }
        server.run()
    }
}

/// `notebook kernel install [--user | --prefix DIR]`: write the `swift` kernelspec.
struct KernelInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install the Jupyter kernelspec 'swift' (display name \"Swift (notebook)\").")

    @Flag(help: "Install for this user (the default): $JUPYTER_DATA_DIR or ~/.local/share/jupyter.")
    var user = false

    @Option(help: ArgumentHelp("Install under PREFIX/share/jupyter (a virtual environment, a test).", valueName: "dir"))
    var prefix: String?

    func validate() throws {
        if user && prefix != nil { throw ValidationError("give --user or --prefix, not both") }
    }

    func run() throws {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let folder = KernelSpec.folder(prefix: prefix.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        do {
            let path = try KernelSpec.install(executable: executable, folder: folder)
            print("installed the Jupyter kernel 'swift' in \(path)")
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
