import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// The long-lived process that compiles the cells (`notebook-cell-compiler`), one after the
/// other, through the toolchain's in-process SourceKit: the same compiler as `swift-frontend`,
/// without starting it again for every cell.
///
/// Starting `swift-frontend` costs a cell ~0.08 s of CPU before and besides its own work: the
/// dynamic linking of the compiler, and the Swift runtime's protocol-conformance lookups of the
/// compiler's Swift-written SIL passes (13% of a 30-line cell's instructions, measured with
/// callgrind), which a process that stays keeps in its caches. Each cell still gets a new
/// compiler instance (the helper closes the session after every cell), so no state of one cell's
/// compile reaches the next. ``compile(arguments:shouldStop:)`` takes the driver's arguments
/// (SourceKit derives the frontend's, as `swiftc` does, in whole-module mode).
///
/// To stop a compile, the process is killed; the next compile starts a new one. Only the engine's
/// thread calls it.
final class ResidentCompiler {
    /// How one compile ended.
    enum Outcome: Equatable {
        /// The compiler answered: whether it built the object and module, and its diagnostics as
        /// the driver prints them.
        case compiled(succeeded: Bool, output: String)
        /// `shouldStop` said yes: the process was killed.
        case stopped
        /// The process could not compile (it did not start, or died): why.
        case unavailable(String)
    }

    /// The helper executable and the SourceKit library it loads.
    let helper: String
    let sourceKit: String
    /// Where the helper's own standard error goes.
    let log: String

    private var process: pid_t = 0
    private var socket: Int32 = -1

    /// A compiler that starts `helper sourceKit` on first use (and again after a stop or a crash).
    init(helper: String, sourceKit: String, log: String) {
        self.helper = helper
        self.sourceKit = sourceKit
        self.log = log
    }

    deinit {
        terminate()
    }

    /// The toolchain's in-process SourceKit for the frontend at `frontend`
    /// (`…/usr/bin/swift-frontend` → `…/usr/lib/libsourcekitdInProc.so`), nil when there is none.
    static func sourceKitLibrary(forFrontend frontend: String) -> String? {
        let bin = URL(fileURLWithPath: frontend).resolvingSymlinksInPath().deletingLastPathComponent()
        let library = bin.deletingLastPathComponent().appendingPathComponent("lib/libsourcekitdInProc.so").path
        return FileManager.default.fileExists(atPath: library) ? library : nil
    }

    /// Starts the helper now (it takes ~0.1 s to load SourceKit) and says why it cannot, if so.
    func start() -> String? {
        if socket >= 0 { return nil }
        var pair: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            return "cannot create a socket: \(String(cString: strerror(errno)))"
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pair[1], 0)
        posix_spawn_file_actions_adddup2(&actions, pair[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A process group of its own: a terminal's Ctrl-C reaches the kernel, which decides.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup(helper), strdup(sourceKit), nil]
        let environment: [UnsafeMutablePointer<CChar>?] =
            ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in arguments + environment { free(pointer) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, helper, &actions, &attributes, arguments, environment)
        close(pair[1])
        guard status == 0 else {
            close(pair[0])
            return "cannot start \(helper): \(String(cString: strerror(status)))"
        }
        process = child
        socket = pair[0]
        switch readAnswer(shouldStop: { false }) {
        case .some("ready\n"): return nil
        case .some(let answer):
            terminate()
            return "\(helper) did not start: \(answer.trimmingCharacters(in: .whitespacesAndNewlines))"
        case .none:
            let reason = "\(helper) ended while it started (see \(log))"
            terminate()
            return reason
        }
    }

    /// Compiles with the driver's `arguments`, asking `shouldStop` about every 20 ms.
    func compile(arguments: [String], shouldStop: () -> Bool) -> Outcome {
        if let failure = start() { return .unavailable(failure) }
        var request: [UInt8] = []
        for argument in arguments { request += Array(argument.utf8) + [0] }
        request.append(0)
        guard writeAll(request) else {
            terminate()
            return .unavailable("\(helper) stopped reading its requests (see \(log))")
        }
        var stopped = false
        let answer = readAnswer(shouldStop: {
            stopped = shouldStop()
            return stopped
        })
        guard let answer else {
            terminate()
            return stopped ? .stopped : .unavailable("\(helper) ended during a compile (see \(log))")
        }
        guard answer.hasPrefix("exit "), let newline = answer.firstIndex(of: "\n") else {
            terminate()
            return .unavailable("\(helper) answered something else than a compile's result: \(answer.prefix(200))")
        }
        let status = answer[answer.index(answer.startIndex, offsetBy: 5)..<newline]
        return .compiled(succeeded: status == "0", output: String(answer[answer.index(after: newline)...]))
    }

    /// Kills the helper (if running) and waits for it.
    func terminate() {
        if socket >= 0 {
            close(socket)
            socket = -1
        }
        if process > 0 {
            kill(process, SIGKILL)
            while waitpid(process, nil, 0) < 0, errno == EINTR {}
            process = 0
        }
    }

    private func writeAll(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    /// The bytes up to the next NUL, or nil when the helper closed its end or `shouldStop` said
    /// yes (then the helper is killed).
    private func readAnswer(shouldStop: () -> Bool) -> String? {
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 20)
            if ready < 0, errno != EINTR { return nil }
            if ready <= 0 {
                if shouldStop() {
                    terminate()
                    return nil
                }
                continue
            }
            let count = buffer.withUnsafeMutableBytes { read(socket, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            answer += buffer[..<count]
            if let end = answer.firstIndex(of: 0) {
                // The helper answers one request at a time: nothing follows the NUL.
                return String(decoding: answer[..<end], as: UTF8.self)
            }
        }
    }
}
