#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    @preconcurrency import Darwin
#endif

/// Ties a notebook process's life to its runner's: when the runner dies, even by SIGKILL (which
/// leaves it no chance to clean up), the kernel kills the notebook process too (Linux
/// `PR_SET_PDEATHSIG`). The runner names itself in ``runnerVariable``; a process whose runner is
/// already gone when it starts exits at once.
enum RunnerLink {
    /// The environment variable with the runner's process id.
    static let runnerVariable = "NOTEBOOK_RUNNER_PID"

    /// Asks for SIGKILL when the parent dies; exits now if the parent is not the runner any more.
    static func dieWithRunner(environment: [String: String]) {
        #if os(Linux)
            guard let runner = environment[runnerVariable].flatMap({ pid_t($0) }) else { return }
            // prctl is variadic in C, so Swift does not import it; call it through its address.
            typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
            let setParentDeathSignal: Int32 = 1  // PR_SET_PDEATHSIG
            if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "prctl") {
                _ = unsafeBitCast(symbol, to: Prctl.self)(setParentDeathSignal, UInt(SIGKILL), 0, 0, 0)
            }
            // The runner may have died before the request took effect.
            if getppid() != runner { _exit(128 + SIGKILL) }  // as if the signal had arrived
        #endif
    }
}
