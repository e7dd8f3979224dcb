import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension NotebookBinary {
    /// Whether `pid` is alive (not a zombie).
    public static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return !stat[stat.index(after: close)...].hasPrefix(" Z")
    }

    /// Waits up to `seconds` for `pid` to die; whether it did.
    public static func waitForDeath(of pid: Int32, seconds: Double = 3) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if !isAlive(pid) { return true }
            usleep(20_000)
        }
        return !isAlive(pid)
    }

    /// Waits up to `seconds` for `file` to hold a process id (a cell writes its own there).
    public static func waitForPID(in file: String, seconds: Double = 60) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: file, encoding: .utf8),
                let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                return pid
            }
            usleep(50_000)
        }
        return nil
    }

    /// Live processes whose command line holds `marker` as an argument.
    public static func processes(withArgument marker: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> Int32? in
            guard let pid = Int32(entry), isAlive(pid),
                let line = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
            else { return nil }
            return line.split(separator: 0).contains { $0.elementsEqual(marker.utf8) } ? pid : nil
        }
    }

    /// Waits up to `seconds` until no process holds `marker` as an argument, then kills any
    /// left; the ones that were left.
    public static func survivors(withArgument marker: String, seconds: Double = 5) -> [Int32] {
        let deadline = Date().addingTimeInterval(seconds)
        var left = processes(withArgument: marker)
        while !left.isEmpty, Date() < deadline {
            usleep(50_000)
            left = processes(withArgument: marker)
        }
        for pid in left { kill(pid, SIGKILL) }
        return left
    }

    /// A unique argument that marks an escapee: `sleep` accepts a fraction of a second.
    public static func escapeeMarker() -> String {
        "300.\(UInt32.random(in: 100_000...999_999))"
    }

    /// Swift code (a cell) that starts a process which leaves everything behind (`setsid`: a new
    /// session and process group; `env -i`: no environment, so no tag), holding `marker` as an
    /// argument, and waits until it has left (it then creates `flagFile`).
    public static func escapeeCell(marker: String, flagFile: String) -> String {
        """
        import Foundation
        let escapee = Process()
        escapee.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        escapee.arguments = ["-i", "setsid", "sh", "-c", "touch '\(flagFile)'; sleep \(marker)"]
        try escapee.run()
        // The escapee has left the session once it says so.
        while !FileManager.default.fileExists(atPath: "\(flagFile)") {
            usleep(50_000)
        }
        """
    }
}
