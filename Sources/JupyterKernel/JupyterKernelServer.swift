import CZMQ
import Foundation
import NotebookInterop
import NotebookKernel

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// A Jupyter kernel for Swift cells (messaging protocol 5.3) on the cell engine.
///
/// Five ZeroMQ sockets from the connection file: shell (ROUTER: requests, answered on this
/// thread), control (ROUTER, its own thread: interrupt and shutdown while a cell runs), iopub
/// (PUB: status, streams, outputs), stdin (ROUTER: bound; cells read end-of-file, the kernel
/// never asks for input) and heartbeat (REP, its own thread: echoes). SIGINT interrupts the
/// running cell too (`interrupt_mode: signal`).
public final class JupyterKernelServer: @unchecked Sendable {
    /// The messaging protocol version the kernel speaks.
    public static let protocolVersion = "5.3"
    /// How long each channel's thread waits for a message before it looks at `isStopping` again:
    /// the longest a shutdown waits for the threads to notice.
    static let pollMilliseconds = 100

    private let connection: ConnectionInfo
    private let signer: MessageSigner
    private let session = UUID().uuidString.lowercased()
    private let context: ZMQContext
    private let shell: ZMQSocket
    private let control: ZMQSocket
    private let stdin: ZMQSocket
    private let iopub: ZMQSocket
    private let heartbeat: ZMQSocket
    private let iopubLock = NSLock()
    private let stateLock = NSLock()
    private var stopping = false
    private let engine: CellEngine
    private let parameterNames: [String]
    private var executionCount = 0

    /// Binds the sockets and starts the engine (compiling its prelude).
    public init(connection: ConnectionInfo, engine configuration: CellEngine.Configuration) throws {
        self.connection = connection
        signer = MessageSigner(key: connection.key)
        // SIGINT is taken by one thread (see `run`): block it before ZeroMQ starts its I/O
        // threads, which inherit the mask (else a signal there would end the process).
        var interruptSignals = sigset_t()
        sigemptyset(&interruptSignals)
        sigaddset(&interruptSignals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &interruptSignals, nil)
        context = try ZMQContext()
        shell = try ZMQSocket(context: context, type: ZMQ_ROUTER, endpoint: connection.endpoint(connection.shellPort))
        control = try ZMQSocket(
            context: context, type: ZMQ_ROUTER, endpoint: connection.endpoint(connection.controlPort))
        stdin = try ZMQSocket(context: context, type: ZMQ_ROUTER, endpoint: connection.endpoint(connection.stdinPort))
        iopub = try ZMQSocket(context: context, type: ZMQ_PUB, endpoint: connection.endpoint(connection.iopubPort))
        heartbeat = try ZMQSocket(context: context, type: ZMQ_REP, endpoint: connection.endpoint(connection.hbPort))
        engine = try CellEngine(configuration: configuration)
        if case .driver(let reason) = engine.linking, !configuration.usesDriver {
            FileHandle.standardError.write(
                Data("notebook kernel: each cell links through swiftc (slower): \(reason)\n".utf8))
        }
        if case .process(let reason) = engine.compiling, configuration.usesResidentCompiler, !configuration.usesDriver {
            FileHandle.standardError.write(
                Data("notebook kernel: each cell compiles in a new compiler process (slower): \(reason)\n".utf8))
        }
        parameterNames = configuration.parameters.map(\.name)
    }

    /// Serves until a `shutdown_request`; then stops the engine and closes the sockets.
    public func run() {
        // SIGINT (blocked since `init`) goes to a thread that waits for it: a signal handler
        // could do nothing useful.
        Thread.detachNewThread { [engine] in
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, SIGINT)
            var received: Int32 = 0
            while sigwait(&set, &received) == 0 { engine.interrupt() }
        }
        let heartbeatThread = Thread { [self] in serveHeartbeat() }
        let controlThread = Thread { [self] in serveControl() }
        heartbeatThread.start()
        controlThread.start()
        publish("status", ["execution_state": .string("starting")], parent: nil)
        while !isStopping {
            guard shell.waitForMessage(milliseconds: Self.pollMilliseconds), let frames = shell.receive() else {
                continue
            }
            guard let message = JupyterMessage(frames: frames, signer: signer) else {
                FileHandle.standardError.write(
                    Data("notebook kernel: dropped a message with a bad signature or shape\n".utf8))
                continue
            }
            handleShell(message)
        }
        engine.shutdown()
        Thread.sleep(forTimeInterval: 2 * Double(Self.pollMilliseconds) / 1000)  // the other threads notice
        for socket in [shell, control, stdin, iopub, heartbeat] { socket.close() }
    }

    private var isStopping: Bool {
        stateLock.lock()
        defer { stateLock.unlock() }
        return stopping
    }

    private func stop() {
        stateLock.lock()
        stopping = true
        stateLock.unlock()
        engine.interrupt()
    }

    // MARK: Channels

    private func serveHeartbeat() {
        while !isStopping {
            guard heartbeat.waitForMessage(milliseconds: Self.pollMilliseconds), let frames = heartbeat.receive() else {
                continue
            }
            heartbeat.send(frames)
        }
    }

    private func serveControl() {
        while !isStopping {
            guard control.waitForMessage(milliseconds: Self.pollMilliseconds), let frames = control.receive(),
                let message = JupyterMessage(frames: frames, signer: signer)
            else { continue }
            publish("status", ["execution_state": .string("busy")], parent: message)
            switch message.type {
            case "interrupt_request":
                engine.interrupt()
                reply(on: control, to: message, "interrupt_reply", ["status": .string("ok")])
            case "shutdown_request":
                reply(on: control, to: message, "shutdown_reply", shutdownReply(message))
                stop()
            case "kernel_info_request":
                reply(on: control, to: message, "kernel_info_reply", kernelInfo)
            default:
                break
            }
            publish("status", ["execution_state": .string("idle")], parent: message)
        }
    }

    private func handleShell(_ message: JupyterMessage) {
        publish("status", ["execution_state": .string("busy")], parent: message)
        defer { publish("status", ["execution_state": .string("idle")], parent: message) }
        switch message.type {
        case "kernel_info_request":
            reply(on: shell, to: message, "kernel_info_reply", kernelInfo)
        case "execute_request":
            execute(message)
        case "is_complete_request":
            reply(on: shell, to: message, "is_complete_reply", isComplete(message.content["code"]?.text ?? ""))
        case "complete_request":
            reply(on: shell, to: message, "complete_reply", complete(message))
        case "inspect_request":
            reply(
                on: shell, to: message, "inspect_reply",
                [
                    "status": .string("ok"), "found": .bool(false), "data": .object([:]), "metadata": .object([:]),
                ])
        case "history_request":
            reply(on: shell, to: message, "history_reply", ["status": .string("ok"), "history": .array([])])
        case "comm_info_request":
            reply(on: shell, to: message, "comm_info_reply", ["status": .string("ok"), "comms": .object([:])])
        case "shutdown_request":
            reply(on: shell, to: message, "shutdown_reply", shutdownReply(message))
            stop()
        default:
            break
        }
    }

    // MARK: Requests

    private var kernelInfo: [String: JSONValue] {
        [
            "status": .string("ok"), "protocol_version": .string(Self.protocolVersion),
            "implementation": .string("notebook"), "implementation_version": .string("1.0"),
            "language_info": .object([
                "name": .string("swift"), "version": .string("6"), "mimetype": .string("text/x-swift"),
                "file_extension": .string(".swift"), "pygments_lexer": .string("swift"),
                "codemirror_mode": .string("swift"),
            ]),
            "banner": .string("Swift cells, one at a time, state kept (notebook kernel)"),
            "help_links": .array([]),
        ]
    }

    private func shutdownReply(_ message: JupyterMessage) -> [String: JSONValue] {
        ["status": .string("ok"), "restart": message.content["restart"] ?? .bool(false)]
    }

    /// Runs one execute request; returns whether it succeeded.
    @discardableResult
    private func execute(_ message: JupyterMessage) -> Bool {
        let code = message.content["code"]?.text ?? ""
        let silent = message.content["silent"] == .bool(true)
        if !silent && message.content["store_history"] != .bool(false) { executionCount += 1 }
        let count = executionCount
        if !silent {
            publish("execute_input", ["code": .string(code), "execution_count": .int(count)], parent: message)
        }
        guard !code.allSatisfy(\.isWhitespace) else {
            reply(on: shell, to: message, "execute_reply", okReply(count))
            return true
        }
        let outputs = ExecutionPublisher(executionCount: count) { [self] type, content in
            if !silent { publish(type, content, parent: message) }
        }
        if let magic = KernelMagic.parse(code) {
            return runMagic(magic, message: message, count: count, silent: silent, outputs: outputs)
        }
        let report = engine.execute(code, file: "In[\(count)]", showsResult: !silent) { outputs.publish($0) }
        guard report.succeeded else {
            return replyFailed(
                ExecutionPublisher.error(for: report, standardError: outputs.standardError), to: message, count: count,
                silent: silent)
        }
        if !report.diagnostics.isEmpty, !silent {
            let warnings = report.diagnostics.map(\.description).joined(separator: "\n") + "\n"
            publish("stream", ["name": .string("stderr"), "text": .string(warnings)], parent: message)
        }
        reply(on: shell, to: message, "execute_reply", okReply(count))
        return true
    }

    /// Runs a `%` magic (see ``KernelMagic``); returns whether it succeeded.
    private func runMagic(
        _ magic: Result<KernelMagic, MagicError>, message: JupyterMessage, count: Int, silent: Bool,
        outputs: ExecutionPublisher
    ) -> Bool {
        func fail(_ content: [String: JSONValue]) -> Bool {
            replyFailed(content, to: message, count: count, silent: silent)
        }
        switch magic {
        case .failure(let error):
            return fail([
                "ename": .string("MagicError"), "evalue": .string(error.description),
                "traceback": .array([.string(error.description)]),
            ])
        case .success(.rerunFrom(let target)):
            let history = engine.history
            guard let start = history.firstIndex(where: { $0.file == "In[\(target)]" }) else {
                let text =
                    "In[\(target)] is not in the kernel's state: it failed, was never run, or a restart dropped it"
                return fail([
                    "ename": .string("MagicError"), "evalue": .string(text), "traceback": .array([.string(text)]),
                ])
            }
            engine.restore(keepingFirst: start)
            for cell in history[start...] {
                let report = engine.execute(cell.source, file: cell.file, line: cell.line) { outputs.publish($0) }
                guard report.succeeded else {
                    return fail(ExecutionPublisher.error(for: report, standardError: outputs.standardError))
                }
            }
            reply(on: shell, to: message, "execute_reply", okReply(count))
            return true
        }
    }

    /// Ends a failed execution: publishes the `error` (`ename`, `evalue`, `traceback`) unless
    /// the request is silent, aborts the queued requests (see `stop_on_error`), and replies with
    /// status `error`. Returns false, the execution's success.
    private func replyFailed(
        _ error: [String: JSONValue], to message: JupyterMessage, count: Int, silent: Bool
    ) -> Bool {
        if !silent { publish("error", error, parent: message) }
        var content = error
        content["status"] = .string("error")
        content["execution_count"] = .int(count)
        abortQueuedExecutionsIfAsked(by: message)
        reply(on: shell, to: message, "execute_reply", content)
        return false
    }

    private func okReply(_ count: Int) -> [String: JSONValue] {
        [
            "status": .string("ok"), "execution_count": .int(count), "user_expressions": .object([:]),
            "payload": .array([]),
        ]
    }

    /// After a failed cell (unless its request says `stop_on_error: false`), answers the execute
    /// requests already queued with `aborted`. Called before the failed cell's reply: a request
    /// the client sends once it has seen that reply is not in the queue yet, and runs as usual.
    private func abortQueuedExecutionsIfAsked(by message: JupyterMessage) {
        guard message.content["stop_on_error"] != .bool(false) else { return }
        while shell.waitForMessage(milliseconds: 0), let frames = shell.receive() {
            guard let queued = JupyterMessage(frames: frames, signer: signer) else { continue }
            guard queued.type == "execute_request" else {
                handleShell(queued)
                continue
            }
            publish("status", ["execution_state": .string("busy")], parent: queued)
            reply(
                on: shell, to: queued, "execute_reply",
                ["status": .string("aborted"), "execution_count": .int(executionCount)])
            publish("status", ["execution_state": .string("idle")], parent: queued)
        }
    }

    private func isComplete(_ code: String) -> [String: JSONValue] {
        switch CodeCompleteness.of(code) {
        case .complete: ["status": .string("complete")]
        case .incomplete: ["status": .string("incomplete"), "indent": .string("    ")]
        case .invalid: ["status": .string("invalid")]
        }
    }

    private func complete(_ message: JupyterMessage) -> [String: JSONValue] {
        let code = message.content["code"]?.text ?? ""
        let cursor = message.content["cursor_pos"]?.intValue ?? code.unicodeScalars.count
        let (word, start) = CompletionIndex.word(in: code, cursor: cursor)
        let names = CompletionIndex.declaredNames(in: engine.history.map(\.source)) + parameterNames
        let matches = Set(names).filter { !word.isEmpty && $0.hasPrefix(word) }.sorted()
        return [
            "status": .string("ok"), "matches": .array(matches.map(JSONValue.string)), "cursor_start": .int(start),
            "cursor_end": .int(min(max(cursor, 0), code.unicodeScalars.count)), "metadata": .object([:]),
        ]
    }

    // MARK: Sending

    private func reply(on socket: ZMQSocket, to request: JupyterMessage, _ type: String, _ content: [String: JSONValue])
    {
        let message = JupyterMessage(
            type: type, content: .object(content), parent: request, session: session, identities: request.identities)
        socket.send(message.frames(signer: signer))
    }

    private func publish(_ type: String, _ content: [String: JSONValue], parent: JupyterMessage?) {
        let topic = Array("kernel.\(session).\(type)".utf8)
        let message = JupyterMessage(
            type: type, content: .object(content), parent: parent, session: session, identities: [topic])
        iopubLock.lock()
        iopub.send(message.frames(signer: signer))
        iopubLock.unlock()
    }
}
