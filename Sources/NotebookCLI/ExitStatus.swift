import ArgumentParser

/// The exit statuses the CLI uses (sysexits-style for usage and input errors).
enum ExitStatus {
    static let cellFailed = ExitCode(1)
    static let usage = ExitCode(64)
    static let invalidInput = ExitCode(65)
    static let cannotWrite = ExitCode(73)
}
